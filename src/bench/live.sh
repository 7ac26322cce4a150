#!/usr/bin/env bash
# Live mode: how late records reach a consumer, and how much memory a long run takes. Embedded Flink
# (what ./event-sim --live uses), the local broker, default model rates (2.94 events an order),
# speed 3600 (a simulated day in 24 s); the orders per day are chosen for the asked rate.
#
#   src/bench/live.sh rate 20000 [SECONDS]    # lateness percentiles at 20k events/s (default 90 s)
#   src/bench/live.sh sweep [SECONDS]         # 10k, 20k, 40k, 60k, 80k events/s (or RATES="..."): which keep p99 <= 1 s
#   src/bench/live.sh memory 10000 [SECONDS]  # RSS every 10 s and the live heap every 5 min, 30 minutes (default)
#
# Lateness = when Kafka's consumer (src/bench/LiveLateness.java, 5 ms fetch wait) received a record
# minus when it was due (its player's clock origin, from the run's stderr, plus its simulated
# arrival over the speed): publishing, the producer's 20 ms linger, the broker and the fetch.
# Starts src/scripts/kafka-local.sh if it is not running (and stops it after).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KAFKA="$ROOT/src/scripts/kafka-local.sh"
out="$ROOT/target/bench/live"
mkdir -p "$out"
SPEED=3600
START=2026-01-01T00:00:00Z
PARTITIONS=4
EVENTS_PER_ORDER=2.94

started=no
if ! "$KAFKA" status >/dev/null 2>&1; then
  "$KAFKA" start >/dev/null
  started=yes
fi
trap '[[ $started == yes ]] && "$KAFKA" stop >/dev/null' EXIT
classpath="$(cat "$ROOT/target/kafka-local/classpath.txt")"

# Deletes a run's topic and its answer-key topic: a minute at 60k events/s is 1.5 GB, kept forever
# (topics event-sim creates have no time-based retention).
drop_topics() {
  "$KAFKA" tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --delete \
    --topic "$1" >/dev/null 2>&1 || true
  "$KAFKA" tool org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:9092 --delete \
    --topic "$1.expected" >/dev/null 2>&1 || true
}

# the orders per day that give RATE events/s at SPEED
orders_per_day() { awk -v r="$1" -v s="$SPEED" -v e="$EVENTS_PER_ORDER" 'BEGIN {printf "%.0f", r * 86400 / s / e}'; }
# START plus SECONDS of wall time at SPEED
until_for() { date -u -d "$START + $(($1 * SPEED)) seconds" +%Y-%m-%dT%H:%M:%SZ; }

# One live run at RATE events/s for SECONDS; prints its lateness line and its peak RSS.
lateness() {
  local rate=$1 seconds=$2 topic="bench-live-$1-$(date +%s%N)"
  local opd until
  opd=$(orders_per_day "$rate")
  until=$(until_for "$seconds")
  : >"$out/stderr.txt"
  java -cp "$classpath" "$ROOT/src/bench/LiveLateness.java" 127.0.0.1:9092 "$topic" "$START" "$SPEED" \
    "$PARTITIONS" "$out/stderr.txt" 9223372036854775807 15 >"$out/lateness.txt" 2>"$out/consumer-stderr.txt" &
  local consumer=$!
  /usr/bin/time -v -o "$out/time.txt" "$ROOT/event-sim" --live --kafka-bootstrap 127.0.0.1:9092 --kafka-topic "$topic" \
    --orders-per-day "$opd" --start "$START" --until "$until" --speed "$SPEED" >"$out/stdout.txt" 2>>"$out/stderr.txt"
  wait "$consumer" || echo "the consumer failed: see $out/consumer-stderr.txt"
  local events rss
  events=$(sed -n 's/.*"events":\([0-9]*\).*/\1/p' "$out/stdout.txt")
  rss=$(awk '/Maximum resident/ {printf "%.0f", $NF / 1024}' "$out/time.txt")
  echo "rate $rate/s ($opd orders/day at ${SPEED}x, ${seconds} s): published $events; $(cat "$out/lateness.txt"); peak RSS $rss MB"
  drop_topics "$topic"
}

"$ROOT/event-sim" --help >/dev/null # build the jars if needed
case "${1:-}" in
  rate)
    lateness "${2:?rate}" "${3:-90}"
    ;;
  sweep)
    for rate in ${RATES:-10000 20000 40000 60000 80000}; do
      lateness "$rate" "${2:-60}"
    done
    ;;
  memory)
    rate=${2:?rate}
    seconds=${3:-1800}
    topic="bench-live-memory-$(date +%s)"
    "$ROOT/event-sim" --live --kafka-bootstrap 127.0.0.1:9092 --kafka-topic "$topic" \
      --orders-per-day "$(orders_per_day "$rate")" --start "$START" --until "$(until_for "$seconds")" --speed "$SPEED" \
      >"$out/stdout.txt" 2>"$out/stderr.txt" &
    launcher=$!
    pid=""
    while [[ -z "$pid" ]] && kill -0 "$launcher" 2>/dev/null; do # the launcher may build its jar first
      sleep 1
      pid=$(pgrep -f -n "event-sim-flink.jar --live .*$topic" || true)
    done
    elapsed=0
    while kill -0 "$launcher" 2>/dev/null; do
      rss=$(ps -o rss= -p "$pid" 2>/dev/null | awk '{printf "%.0f", $1 / 1024}' || true)
      live=""
      if ((elapsed > 0 && elapsed % 300 == 0)); then
        # what the heap holds after a full GC (jcmd's histogram forces one): flat when nothing leaks
        live=$(jcmd "$pid" GC.class_histogram 2>/dev/null | awk '/^Total/ {printf ", live heap %.0f MB", $3 / 1048576}' || true)
      fi
      [[ -n "$rss" ]] && echo "$elapsed s: RSS $rss MB$live"
      sleep 10
      elapsed=$((elapsed + 10))
    done | tee "$out/memory.txt"
    wait "$launcher"
    drop_topics "$topic"
    tail -1 "$out/stdout.txt"
    awk '{if ($4 > max) max = $4} END {print "peak RSS sampled: " max " MB"}' "$out/memory.txt"
    ;;
  *)
    sed -n '2,13p' "$0"
    exit 2
    ;;
esac
