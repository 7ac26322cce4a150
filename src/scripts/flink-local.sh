#!/usr/bin/env bash
# A real Flink standalone session cluster on 127.0.0.1, from Maven artifacts (no Flink distribution,
# no Docker): one JobManager JVM and one TaskManager JVM with 2 slots, REST on 127.0.0.1:8081.
#
#   src/scripts/flink-local.sh start             # start what is not running; wait until ready
#   src/scripts/flink-local.sh status            # exit 0 when JobManager, TaskManager and REST are up
#   src/scripts/flink-local.sh stop              # stop both; fine when already stopped
#   src/scripts/flink-local.sh kill-taskmanager  # SIGKILL the TaskManager (for failure tests)
#   src/scripts/flink-local.sh flink run ...     # Flink's own CLI (CliFrontend) against this cluster
#
# Config, data, logs and pid files live in target/flink-local/. Submit jobs with
#   ./event-sim --runner=FlinkRunner --flinkMaster=127.0.0.1:8081 --parallelism=2 --out ...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="$ROOT/target/flink-local"
CONF="$HOME_DIR/conf"
LOGS="$HOME_DIR/log"
CLASSPATH_FILE="$HOME_DIR/classpath.txt"
POM="$ROOT/src/scripts/flink-cluster.pom.xml"
REST="http://127.0.0.1:8081"
READY_TIMEOUT=${FLINK_LOCAL_READY_TIMEOUT:-90}

# Flink's own --add-opens/--add-exports list for Java 17.
JAVA17_OPTS="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"

log() { echo "flink-local: $*" >&2; }
# shellcheck source=local-jvm.sh
. "$ROOT/src/scripts/local-jvm.sh"

classpath() {
  maven_classpath "$POM" "$CLASSPATH_FILE" "the Flink cluster"
}

write_config() {
  mkdir -p "$CONF" "$LOGS" "$HOME_DIR/tmp" "$HOME_DIR/web"
  cat >"$CONF/config.yaml" <<EOF
# Written by src/scripts/flink-local.sh: a session cluster bound to loopback only.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: 6123
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: 8081
blob.server.port: 6124
taskmanager.rpc.port: 6125
taskmanager.data.port: 6126
jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 3072m
taskmanager.numberOfTaskSlots: 2
# Blocking (sort-merge) shuffles take 512 network buffers each; the default share is not enough
# for this pipeline at parallelism 2 ("Insufficient number of network buffers").
taskmanager.memory.network.min: 384m
taskmanager.memory.network.max: 384m
# Each slot sorts one group of up to --maxGroupEvents events (~250 MB with the default) on the
# task heap: give the heap what Flink's sorter would otherwise take as managed memory.
taskmanager.memory.managed.fraction: 0.25
parallelism.default: 1
io.tmp.dirs: $HOME_DIR/tmp
web.tmpdir: $HOME_DIR/web
env.java.opts.all: $JAVA17_OPTS
# A lost TaskManager restarts the job (once a TaskManager offers slots again) instead of failing it.
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 30
restart-strategy.fixed-delay.delay: 2 s
# Notice a dead TaskManager within seconds, not the default 50.
heartbeat.interval: 2000
heartbeat.timeout: 8000
# Fresh metrics for the command's progress line (default: every 10 s).
metrics.fetcher.update-interval: 1000
EOF
  cat >"$CONF/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
EOF
  cp "$CONF/log4j.properties" "$CONF/log4j-cli.properties"
}

# pid of a component if its process is alive, else nothing.
alive_pid() {
  pid_if_alive "$HOME_DIR/$1.pid" "--configDir"
}

resource_params() { # GET_JM_RESOURCE_PARAMS or GET_TM_RESOURCE_PARAMS: two lines, JVM args then -D args
  java -cp "$1" org.apache.flink.runtime.util.bash.BashJavaUtils "$2" -c "$CONF" 2>/dev/null |
    sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

start_component() { # name main-class params-kind
  local name=$1 main=$2 kind=$3 cp params jvm dyn
  if [[ -n "$(alive_pid "$name")" ]]; then
    log "$name already running (pid $(alive_pid "$name"))"
    return 0
  fi
  cp=$(classpath)
  params=$(resource_params "$cp" "$kind")
  jvm=$(sed -n 1p <<<"$params")
  dyn=$(sed -n 2p <<<"$params")
  if [[ -z "$jvm" ]]; then
    log "could not compute the $name's memory settings (BashJavaUtils $kind)"
    return 1
  fi
  # shellcheck disable=SC2086 # word splitting of the JVM and dynamic arguments is intended
  mkdir -p "$HOME_DIR/tmp"
  nohup java $jvm $JAVA17_OPTS -Djava.io.tmpdir="$HOME_DIR/tmp" \
    -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="file:$CONF/log4j.properties" \
    -Dlog4j2.configurationFile="file:$CONF/log4j.properties" \
    -cp "$cp" "$main" --configDir "$CONF" $dyn \
    >"$LOGS/$name.out" 2>&1 </dev/null &
  echo $! >"$HOME_DIR/$name.pid"
  log "started $name (pid $!, log $LOGS/$name.log)"
}

rest_overview() {
  curl -sf --max-time 3 "$REST/overview" 2>/dev/null || true
}

taskmanagers() {
  rest_overview | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p'
}

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if [[ -z "$(alive_pid jobmanager)" ]]; then
      log "the JobManager exited; see $LOGS/jobmanager.log and $LOGS/jobmanager.out"
      return 1
    fi
    if [[ -z "$(alive_pid taskmanager)" ]]; then
      log "the TaskManager exited; see $LOGS/taskmanager.log and $LOGS/taskmanager.out"
      return 1
    fi
    if [[ "$(taskmanagers)" -ge 1 ]] 2>/dev/null; then
      log "ready: $REST ($(taskmanagers) TaskManager, $(rest_overview | sed -n 's/.*"slots-total":\([0-9]*\).*/\1/p') slots)"
      return 0
    fi
    sleep 1
  done
  log "not ready after ${READY_TIMEOUT}s; see $LOGS/"
  return 1
}

stop_component() {
  local name=$1 pid
  pid=$(alive_pid "$name")
  if [[ -n "$pid" ]]; then
    stop_pid "$pid" 15
    log "stopped $name (pid $pid)"
  fi
  rm -f "$HOME_DIR/$name.pid"
}

stray_pids() { # any JVM of this cluster's config that lost its pid file
  pgrep -f -- "--configDir $CONF" || true
}

cmd=${1:-status}
case "$cmd" in
  start)
    write_config
    start_component jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
    start_component taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS
    wait_ready
    ;;
  stop)
    stop_component taskmanager
    stop_component jobmanager
    for pid in $(stray_pids); do
      kill -9 "$pid" 2>/dev/null || true
      log "killed stray process $pid"
    done
    ;;
  status)
    jm=$(alive_pid jobmanager)
    tm=$(alive_pid taskmanager)
    n=$(taskmanagers)
    echo "jobmanager:  $([[ -n "$jm" ]] && echo "running (pid $jm)" || echo "not running")"
    echo "taskmanager: $([[ -n "$tm" ]] && echo "running (pid $tm)" || echo "not running")"
    echo "rest:        $([[ -n "$n" ]] && echo "$REST ($n TaskManager registered)" || echo "not answering")"
    [[ -n "$jm" && -n "$tm" && "${n:-0}" -ge 1 ]]
    ;;
  kill-taskmanager)
    pid=$(alive_pid taskmanager)
    if [[ -n "$pid" ]]; then
      kill -9 "$pid"
      rm -f "$HOME_DIR/taskmanager.pid"
      log "killed the TaskManager (pid $pid)"
    else
      log "no TaskManager running"
    fi
    ;;
  flink)
    shift
    write_config
    cp=$(classpath)
    # shellcheck disable=SC2086
    mkdir -p "$HOME_DIR/tmp"
    FLINK_CONF_DIR="$CONF" exec java $JAVA17_OPTS -Djava.io.tmpdir="$HOME_DIR/tmp" -Dlog.file="$LOGS/client.log" \
      -Dlog4j2.configurationFile="file:$CONF/log4j-cli.properties" \
      -cp "$cp" org.apache.flink.client.cli.CliFrontend "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|kill-taskmanager|flink <args>" >&2
    exit 2
    ;;
esac
