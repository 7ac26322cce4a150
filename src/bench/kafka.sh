#!/usr/bin/env bash
# Kafka publishing speed: event-sim publishing N orders (--no-files, Flink embedded: the fastest
# local runner) against Kafka's own producer benchmark (ProducerPerformance) on the same broker,
# with the same record size and the same producer settings (acks=all, idempotence, linger.ms=20,
# batch.size=256 KiB).
#
#   src/bench/kafka.sh            # 1M orders
#   src/bench/kafka.sh 200000
#
# Starts src/scripts/kafka-local.sh if it is not running (and stops it after).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
n=${1:-1000000}
out_root="$ROOT/target/bench"
mkdir -p "$out_root"
KAFKA="$ROOT/src/scripts/kafka-local.sh"
started=no
if ! "$KAFKA" status >/dev/null 2>&1; then
  "$KAFKA" start
  started=yes
fi
trap '[[ $started == yes ]] && "$KAFKA" stop' EXIT

"$ROOT/event-sim" --runner=FlinkRunner --out "$out_root/warmup" --n-orders 1000 >/dev/null 2>&1 # build, archive

topic="bench-$(date +%s)"
dir="$out_root/kafka-run"
rm -rf "$dir"
start=$(date +%s.%N)
"$ROOT/event-sim" --runner=FlinkRunner --out "$dir" --n-orders "$n" --seed 42 --start 2026-01-01T00:00:00Z \
  --kafka-bootstrap 127.0.0.1:9092 --kafka-topic "$topic" --no-files >"$out_root/kafka-stdout.txt" 2>"$out_root/kafka-stderr.txt"
end=$(date +%s.%N)
events=$(tail -1 "$out_root/kafka-stdout.txt" | sed 's/.*"events":\([0-9]*\).*/\1/')
wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
ours=$(awk -v e="$events" -v w="$wall" 'BEGIN {printf "%.0f", e / w}')
published=$("$KAFKA" tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server 127.0.0.1:9092 --topic "$topic" 2>/dev/null |
  awk -F: '{s += $3} END {print s}')
size=460 # mean length of an events.ndjson line (1M orders: 1.36 GB / 2.95M lines)
echo "event-sim: $events events ($published in the topic) in $wall s = $ours events/s (whole command, JVM start included)"

perf_topic="perf-$(date +%s)"
"$KAFKA" tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --create --topic "$perf_topic" \
  --partitions 6 --replication-factor 1 >/dev/null 2>&1
perf=$("$KAFKA" tool org.apache.kafka.tools.ProducerPerformance --topic "$perf_topic" --num-records "$events" \
  --record-size "$size" --throughput -1 --producer-props bootstrap.servers=127.0.0.1:9092 acks=all \
  enable.idempotence=true linger.ms=20 batch.size=262144 2>/dev/null | tail -1)
rate=$(sed -n 's/.* \([0-9.]*\) records\/sec.*/\1/p' <<<"$perf")
echo "ProducerPerformance: $perf"
awk -v a="$ours" -v b="$rate" 'BEGIN {printf "event-sim publishes at %.0f%% of the broker benchmark (%s vs %.0f records/s)\n", 100 * a / b, a, b}'
rm -rf "$dir"
