#!/usr/bin/env bash
# A real HDFS on 127.0.0.1 from Maven artifacts (no Hadoop distribution, no Docker): a NameNode and
# a DataNode in one JVM (Hadoop's MiniDFSCluster, src/scripts/hdfs/HdfsServer.java), NameNode at
# hdfs://127.0.0.1:8020, its web UI on 127.0.0.1:9870.
#
#   src/scripts/hdfs-local.sh start    # start if not running (formats once); wait until ready
#   src/scripts/hdfs-local.sh status   # exit 0 when the NameNode answers on 127.0.0.1:8020
#   src/scripts/hdfs-local.sh stop     # stop; fine when already stopped
#   src/scripts/hdfs-local.sh reset    # stop and delete all data
#
# Data and logs live in target/hdfs-local/. Point event-sim at it with
#   ./event-sim --out hdfs://127.0.0.1:8020/events ...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="$ROOT/target/hdfs-local"
DATA="$HOME_DIR/data"
LOGS="$HOME_DIR/log"
CLASSPATH_FILE="$HOME_DIR/classpath.txt"
PIDFILE="$HOME_DIR/hdfs.pid"
POM="$ROOT/src/scripts/hdfs-server.pom.xml"
SERVER="$ROOT/src/scripts/hdfs/HdfsServer.java"
PORT=8020
HTTP_PORT=9870
READY_TIMEOUT=${HDFS_LOCAL_READY_TIMEOUT:-120}

log() { echo "hdfs-local: $*" >&2; }
# shellcheck source=local-jvm.sh
. "$ROOT/src/scripts/local-jvm.sh"

alive_pid() {
  pid_if_alive "$PIDFILE" "HdfsServer"
}

ready() {
  port_open "$PORT" && grep -q "HdfsServer ready" "$LOGS/hdfs.out" 2>/dev/null
}

cmd=${1:-status}
case "$cmd" in
  start)
    if needs_start "HDFS" alive_pid "$PORT"; then
      mkdir -p "$DATA" "$LOGS"
      cat >"$HOME_DIR/log4j2.properties" <<'CONF'
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${sys:hdfs.log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d %-5p %c{1} - %m%n
rootLogger.level = warn
rootLogger.appenderRef.file.ref = file
CONF
      cp=$(maven_classpath "$POM" "$CLASSPATH_FILE" "the HDFS server")
      mkdir -p "$HOME_DIR/tmp"
      nohup java -Xmx512m -Djava.io.tmpdir="$HOME_DIR/tmp" -Dhdfs.log.file="$LOGS/hdfs.log" \
        -Dlog4j2.configurationFile="file:$HOME_DIR/log4j2.properties" \
        -cp "$cp" "$SERVER" "$DATA" "$PORT" "$HTTP_PORT" >"$LOGS/hdfs.out" 2>&1 </dev/null &
      echo $! >"$PIDFILE"
      log "started HDFS (pid $!, log $LOGS/)"
    fi
    wait_until_ready HDFS "$READY_TIMEOUT" "$LOGS" alive_pid ready
    log "ready: hdfs://127.0.0.1:$PORT"
    ;;
  stop)
    stop_service HDFS alive_pid "$PIDFILE" "HdfsServer.java $DATA" 30
    ;;
  reset)
    "$0" stop
    rm -rf "$DATA"
    log "deleted $DATA"
    ;;
  status)
    service_status hdfs alive_pid "$PORT" "NameNode hdfs://127.0.0.1:$PORT"
    ;;
  *)
    echo "usage: $0 start|stop|status|reset" >&2
    exit 2
    ;;
esac
