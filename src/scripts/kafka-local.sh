#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft: broker and controller in one process, no ZooKeeper) on
# 127.0.0.1:9092, from Maven artifacts (no Kafka distribution, no Docker).
#
#   src/scripts/kafka-local.sh start    # start if not running (formats the log dir once); wait until ready
#   src/scripts/kafka-local.sh status   # exit 0 when the broker answers on 127.0.0.1:9092
#   src/scripts/kafka-local.sh stop     # controlled shutdown; fine when already stopped
#   src/scripts/kafka-local.sh kill     # SIGKILL the broker, as a crash would (for failure tests)
#   src/scripts/kafka-local.sh reset    # stop and delete all topics and data
#   src/scripts/kafka-local.sh tool CLASS ARGS...   # run one of Kafka's tools against it, e.g.
#       src/scripts/kafka-local.sh tool org.apache.kafka.tools.consumer.ConsoleConsumer \
#         --bootstrap-server 127.0.0.1:9092 --topic events --from-beginning --max-messages 5
#
# Config, data and logs live in target/kafka-local/. Point event-sim at it with
#   ./event-sim --out ./out --kafka-bootstrap 127.0.0.1:9092 --kafka-topic events
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="$ROOT/target/kafka-local"
DATA="$HOME_DIR/data"
LOGS="$HOME_DIR/log"
CONF="$HOME_DIR/server.properties"
CLASSPATH_FILE="$HOME_DIR/classpath.txt"
PIDFILE="$HOME_DIR/kafka.pid"
POM="$ROOT/src/scripts/kafka-broker.pom.xml"
PORT=9092
READY_TIMEOUT=${KAFKA_LOCAL_READY_TIMEOUT:-60}

log() { echo "kafka-local: $*" >&2; }
# shellcheck source=local-jvm.sh
. "$ROOT/src/scripts/local-jvm.sh"

classpath() {
  maven_classpath "$POM" "$CLASSPATH_FILE" "the broker"
}

write_config() {
  mkdir -p "$DATA" "$LOGS"
  cat >"$CONF" <<EOF
# Written by src/scripts/kafka-local.sh: one node, broker and controller, loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
# event-sim's records carry simulated arrival times, past or future, as their timestamps.
log.message.timestamp.after.max.ms=9223372036854775807
EOF
  cat >"$HOME_DIR/log4j2.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:kafka.logs.dir}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
EOF
}

alive_pid() {
  pid_if_alive "$PIDFILE" "kafka.Kafka"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null
}

java_with_cp() {
  local cp
  cp=$(classpath)
  java -Dlog4j2.configurationFile="file:$HOME_DIR/log4j2.properties" -Dkafka.logs.dir="$LOGS" -cp "$cp" "$@"
}

ready() { # the broker answers a metadata request
  java_with_cp org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$PORT" \
    >/dev/null 2>&1
}

cmd=${1:-status}
case "$cmd" in
  start)
    if [[ -n "$(alive_pid)" ]]; then
      log "already running (pid $(alive_pid))"
    else
      if port_open; then
        log "something else already listens on 127.0.0.1:$PORT; not starting"
        exit 1
      fi
      write_config
      cp=$(classpath)
      if [[ ! -f "$DATA/meta.properties" ]]; then
        uuid=$(java_with_cp kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
        java_with_cp kafka.tools.StorageTool format -t "$uuid" -c "$CONF" >"$LOGS/format.out" 2>&1 || {
          log "formatting the log dir failed; see $LOGS/format.out"
          exit 1
        }
        log "formatted $DATA (cluster $uuid)"
      fi
      nohup java -Xms512m -Xmx1g -Dkafka.logs.dir="$LOGS" \
        -Dlog4j2.configurationFile="file:$HOME_DIR/log4j2.properties" \
        -cp "$cp" kafka.Kafka "$CONF" >"$LOGS/kafka.out" 2>&1 </dev/null &
      echo $! >"$PIDFILE"
      log "started the broker (pid $!, log $LOGS/server.log)"
    fi
    deadline=$((SECONDS + READY_TIMEOUT))
    until port_open && ready; do
      if [[ -z "$(alive_pid)" ]]; then
        log "the broker exited; see $LOGS/server.log and $LOGS/kafka.out"
        exit 1
      fi
      if ((SECONDS >= deadline)); then
        log "not ready after ${READY_TIMEOUT}s; see $LOGS/"
        exit 1
      fi
      sleep 1
    done
    log "ready: 127.0.0.1:$PORT"
    ;;
  stop)
    pid=$(alive_pid)
    if [[ -n "$pid" ]]; then
      stop_pid "$pid" 30
      log "stopped the broker (pid $pid)"
    fi
    rm -f "$PIDFILE"
    for stray in $(pgrep -f -- "kafka.Kafka $CONF" || true); do
      kill -9 "$stray" 2>/dev/null || true
      log "killed stray broker $stray"
    done
    ;;
  kill)
    pid=$(alive_pid)
    if [[ -n "$pid" ]]; then
      kill -9 "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$PIDFILE"
      log "killed the broker (pid $pid)"
    else
      log "no broker running"
    fi
    ;;
  reset)
    "$0" stop
    rm -rf "$DATA"
    log "deleted $DATA"
    ;;
  status)
    pid=$(alive_pid)
    if [[ -n "$pid" ]] && port_open; then
      echo "broker: running (pid $pid), 127.0.0.1:$PORT"
    else
      echo "broker: $([[ -n "$pid" ]] && echo "process $pid alive but 127.0.0.1:$PORT not answering" || echo "not running")"
      exit 1
    fi
    ;;
  tool)
    shift
    write_config
    java_with_cp "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|kill|reset|tool CLASS ARGS..." >&2
    exit 2
    ;;
esac
