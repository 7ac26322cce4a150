#!/usr/bin/env bash
# Benchmarks on Flink: wall time, events/s and peak RSS of the whole command (JVM start
# included), as users run it through ./event-sim.
#
#   src/bench/flink.sh embedded 1000000 10000000   # Flink embedded in the command, per size
#   src/bench/flink.sh cluster 1000000             # the local session cluster at parallelism 1 and 2
#   src/bench/flink.sh increment 1000000           # one day's increment at --orders-per-day N, embedded
#
# The cluster mode starts src/scripts/flink-local.sh if it is not running (and stops it after).
# Results are printed and appended to target/bench/flink.tsv. Each run writes its files to
# target/bench/flink-run (removed afterwards: 10M orders are ~42 GB).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=timed-run.sh
. "$ROOT/src/bench/timed-run.sh"
mode=${1:?usage: $0 embedded|cluster|increment ORDERS...}
shift
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000000)
out_root="$ROOT/target/bench"
mkdir -p "$out_root"
tsv="$out_root/flink.tsv"
[[ -f "$tsv" ]] || printf 'date\tmode\tparallelism\torders\tevents\twall_s\tevents_per_s\tpeak_rss_mb\n' >"$tsv"

# Build (and write the class-data archive) outside the measured runs.
"$ROOT/event-sim" --runner=FlinkRunner --out "$out_root/warmup" --n-orders 1000 >/dev/null 2>&1
"$ROOT/event-sim" --runner=FlinkRunner --out "$out_root/warmup" --n-orders 1000 >/dev/null 2>&1

measure() { # label parallelism orders args... (the args choose the orders)
  local label=$1 p=$2 n=$3
  shift 3
  local dir="$out_root/flink-run"
  rm -rf "$dir"
  timed_run "$out_root" "$ROOT/event-sim" --runner=FlinkRunner --out "$dir" \
    --seed 42 --start 2026-01-01T00:00:00Z "$@" || return 1
  local wall=$WALL rss=$RSS events=$EVENTS rate=$RATE
  printf '%-9s p=%-3s %11s orders %11s events %8.1f s %9s events/s %7s MB peak RSS\n' \
    "$label" "$p" "$n" "$events" "$wall" "$rate" "$rss"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" "$p" "$n" "$events" "$wall" "$rate" "$rss" >>"$tsv"
  rm -rf "$dir"
  echo "$wall"
}

case "$mode" in
  embedded)
    for n in "${sizes[@]}"; do
      measure embedded auto "$n" --n-orders "$n" >/dev/null || exit 1
      tail -1 "$tsv" | awk -F'\t' '{printf "embedded  %s orders: %s events in %s s = %s events/s, peak RSS %s MB\n", $4, $5, $6, $7, $8}'
    done
    ;;
  increment)
    for n in "${sizes[@]}"; do
      measure increment auto "$n" --orders-per-day "$n" --ingest-date 2026-01-10 >/dev/null || exit 1
      tail -1 "$tsv" | awk -F'\t' '{printf "increment %s orders/day, one ingest day: %s events in %s s = %s events/s, peak RSS %s MB\n", $4, $5, $6, $7, $8}'
    done
    ;;
  cluster)
    started=no
    if ! "$ROOT/src/scripts/flink-local.sh" status >/dev/null 2>&1; then
      "$ROOT/src/scripts/flink-local.sh" start
      started=yes
    fi
    trap '[[ $started == yes ]] && "$ROOT/src/scripts/flink-local.sh" stop' EXIT
    for n in "${sizes[@]}"; do
      w1=$(measure cluster 1 "$n" --n-orders "$n" --flinkMaster=127.0.0.1:8081 --parallelism=1 | tail -1)
      w2=$(measure cluster 2 "$n" --n-orders "$n" --flinkMaster=127.0.0.1:8081 --parallelism=2 | tail -1)
      awk -v a="$w1" -v b="$w2" -v n="$n" 'BEGIN {printf "cluster %s orders: parallelism 1 %.1f s, parallelism 2 %.1f s, speed-up %.2f\n", n, a, b, a / b}'
    done
    ;;
  *)
    echo "usage: $0 embedded|cluster|increment ORDERS..." >&2
    exit 2
    ;;
esac
