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


java_with_cp() {
  local cp
  cp=$(classpath)
  mkdir -p "$HOME_DIR/tmp"
  java -Djava.io.tmpdir="$HOME_DIR/tmp" -Dlog4j2.configurationFile="file:$HOME_DIR/log4j2.properties" \
    -Dkafka.logs.dir="$LOGS" -cp "$cp" "$@"
}

ready() { # the broker answers a metadata request
  port_open "$PORT" && java_with_cp org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "127.0.0.1:$PORT" \
    >/dev/null 2>&1
}

cmd=${1:-status}
case "$cmd" in
  start)
    if needs_start "the broker" alive_pid "$PORT"; then
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
      nohup java -Xms512m -Xmx1g -Djava.io.tmpdir="$HOME_DIR/tmp" -Dkafka.logs.dir="$LOGS" \
        -Dlog4j2.configurationFile="file:$HOME_DIR/log4j2.properties" \
        -cp "$cp" kafka.Kafka "$CONF" >"$LOGS/kafka.out" 2>&1 </dev/null &
      echo $! >"$PIDFILE"
      log "started the broker (pid $!, log $LOGS/server.log)"
    fi
    wait_until_ready "the broker" "$READY_TIMEOUT" "$LOGS" alive_pid ready
    log "ready: 127.0.0.1:$PORT"
    ;;
  stop)
    stop_service "the broker" alive_pid "$PIDFILE" "kafka.Kafka $CONF" 30
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
    service_status broker alive_pid "$PORT" "127.0.0.1:$PORT"
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
