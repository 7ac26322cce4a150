#!/usr/bin/env bash
# A real S3-compatible server on 127.0.0.1 from Maven artifacts (no Docker): S3Proxy with its
# file-system backend and signed requests, at http://127.0.0.1:9000, with a bucket "event-sim".
#
#   src/scripts/s3-local.sh start    # start if not running; create the bucket; wait until ready
#   src/scripts/s3-local.sh status   # exit 0 when it answers on 127.0.0.1:9000
#   src/scripts/s3-local.sh stop     # stop; fine when already stopped
#   src/scripts/s3-local.sh reset    # stop and delete all objects
#   src/scripts/s3-local.sh env      # export lines for the credentials and region it accepts
#
# Data and logs live in target/s3-local/. Point event-sim at it with
#   eval "$(src/scripts/s3-local.sh env)"
#   ./event-sim --out s3://event-sim/events --s3-endpoint http://127.0.0.1:9000 ...
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="$ROOT/target/s3-local"
DATA="$HOME_DIR/data"
LOGS="$HOME_DIR/log"
CONF="$HOME_DIR/s3proxy.properties"
CLASSPATH_FILE="$HOME_DIR/classpath.txt"
PIDFILE="$HOME_DIR/s3proxy.pid"
POM="$ROOT/src/scripts/s3-server.pom.xml"
PORT=9000
BUCKET=event-sim
ACCESS_KEY=event-sim-local
SECRET_KEY=event-sim-local-secret
REGION=us-east-1
READY_TIMEOUT=${S3_LOCAL_READY_TIMEOUT:-60}

log() { echo "s3-local: $*" >&2; }
# shellcheck source=local-jvm.sh
. "$ROOT/src/scripts/local-jvm.sh"

alive_pid() {
  pid_if_alive "$PIDFILE" "org.gaul.s3proxy.Main"
}

cmd=${1:-status}
case "$cmd" in
  start)
    if needs_start "S3Proxy" alive_pid "$PORT"; then
      mkdir -p "$DATA/$BUCKET" "$LOGS" # a folder of the base directory is a bucket
      cat >"$CONF" <<CONF
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ACCESS_KEY
s3proxy.credential=$SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$DATA
CONF
      cat >"$HOME_DIR/logback.xml" <<'CONF'
<configuration>
  <appender name="file" class="ch.qos.logback.core.FileAppender">
    <file>${s3.log.file}</file>
    <encoder><pattern>%d %-5level %logger{20} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="file"/></root>
</configuration>
CONF
      cp=$(maven_classpath "$POM" "$CLASSPATH_FILE" "the S3 server")
      mkdir -p "$HOME_DIR/tmp"
      nohup java -Xmx512m -Djava.io.tmpdir="$HOME_DIR/tmp" -Ds3.log.file="$LOGS/s3proxy.log" \
        -Dlogback.configurationFile="$HOME_DIR/logback.xml" \
        -cp "$cp" org.gaul.s3proxy.Main --properties "$CONF" >"$LOGS/s3proxy.out" 2>&1 </dev/null &
      echo $! >"$PIDFILE"
      log "started S3Proxy (pid $!, log $LOGS/)"
    fi
    wait_until_ready S3Proxy "$READY_TIMEOUT" "$LOGS" alive_pid port_open "$PORT"
    log "ready: http://127.0.0.1:$PORT, bucket $BUCKET (credentials: $0 env)"
    ;;
  stop)
    stop_service S3Proxy alive_pid "$PIDFILE" "--properties $CONF" 20
    ;;
  reset)
    "$0" stop
    rm -rf "$DATA"
    log "deleted $DATA"
    ;;
  status)
    service_status s3 alive_pid "$PORT" "http://127.0.0.1:$PORT, bucket $BUCKET"
    ;;
  env)
    echo "export AWS_ACCESS_KEY_ID=$ACCESS_KEY"
    echo "export AWS_SECRET_ACCESS_KEY=$SECRET_KEY"
    echo "export AWS_REGION=$REGION"
    echo "export AWS_EC2_METADATA_DISABLED=true"
    ;;
  *)
    echo "usage: $0 start|stop|status|reset|env" >&2
    exit 2
    ;;
esac
