#!/usr/bin/env bash
# Output to HDFS and S3 against the local disk: the same run (N orders, Flink embedded) written to
# a local folder, to the local HDFS and to the local S3-compatible server; wall time, events/s and
# peak RSS of the whole command (JVM start included, /usr/bin/time -v), and each store's time as a
# multiple of the local disk's.
#
#   src/bench/storage.sh            # 1M orders, each store once
#   src/bench/storage.sh 1000000 3  # N orders, each store R times (the median is reported)
#
# Starts src/scripts/hdfs-local.sh and s3-local.sh if they are not running (and stops them after).
# Results are printed and appended to target/bench/storage.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=timed-run.sh
. "$ROOT/src/bench/timed-run.sh"
n=${1:-1000000}
repeats=${2:-1}
out_root="$ROOT/target/bench"
mkdir -p "$out_root"
tsv="$out_root/storage.tsv"
[[ -f "$tsv" ]] || printf 'date\tstore\torders\tevents\twall_s\tevents_per_s\tpeak_rss_mb\n' >"$tsv"

started=()
for server in hdfs s3; do
  if ! "$ROOT/src/scripts/$server-local.sh" status >/dev/null 2>&1; then
    "$ROOT/src/scripts/$server-local.sh" start
    started+=("$server")
  fi
done
# servers the benchmark started are stopped and their data deleted afterwards
cleanup() { for s in "${started[@]}"; do "$ROOT/src/scripts/$s-local.sh" reset; done; }
trap cleanup EXIT
eval "$("$ROOT/src/scripts/s3-local.sh" env)"

# Build (and write the class-data archive) outside the measured runs.
"$ROOT/event-sim" --runner=FlinkRunner --out "$out_root/warmup" --n-orders 1000 >/dev/null 2>&1

run_id=$(date +%s)
measure() { # store out-folder extra-args...
  local store=$1 out=$2
  shift 2
  timed_run "$out_root" "$ROOT/event-sim" --runner=FlinkRunner --out "$out" \
    --n-orders "$n" --seed 42 --start 2026-01-01T00:00:00Z "$@" || return 1
  local wall=$WALL rss=$RSS events=$EVENTS rate=$RATE
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$store" "$n" "$events" "$wall" "$rate" "$rss" >>"$tsv"
  printf '%-6s %9s orders %10s events %7.1f s %8s events/s %6s MB peak RSS\n' "$store" "$n" "$events" "$wall" "$rate" "$rss" >&2
  echo "$wall"
}


declare -A walls
for store in local hdfs s3; do
  times=()
  for r in $(seq 1 "$repeats"); do
    case "$store" in
      local) out="$out_root/storage-run"; rm -rf "$out"; times+=("$(measure local "$out")"); rm -rf "$out" ;;
      hdfs) out="hdfs://127.0.0.1:8020/bench/$run_id-$r"; times+=("$(measure hdfs "$out")") ;;
      s3) out="s3://event-sim/bench/$run_id-$r"; times+=("$(measure s3 "$out" --s3-endpoint http://127.0.0.1:9000)") ;;
    esac
  done
  walls[$store]=$(printf '%s\n' "${times[@]}" | median)
done
awk -v l="${walls[local]}" -v h="${walls[hdfs]}" -v s="${walls[s3]}" -v n="$n" 'BEGIN {
  printf "%s orders, median wall: local %.1f s, HDFS %.1f s (%.2fx), S3 %.1f s (%.2fx)\n", n, l, h, h / l, s, s / l }'
