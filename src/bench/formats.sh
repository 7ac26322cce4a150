#!/usr/bin/env bash
# The event files' formats against each other: the same run (N orders, Flink embedded, local disk)
# as ndjson, ndjson+gzip, ndjson+zstd and parquet; wall time, events/s and peak RSS of the whole
# command (JVM start included, /usr/bin/time -v), the bytes of the event files on disk, and each
# format's time and bytes as a multiple of plain NDJSON's.
#
#   src/bench/formats.sh            # 1M orders, each format once
#   src/bench/formats.sh 1000000 3  # N orders, each format R times (the median is reported)
#
# Results are printed and appended to target/bench/formats.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=timed-run.sh
. "$ROOT/src/bench/timed-run.sh"
n=${1:-1000000}
repeats=${2:-1}
out_root="$ROOT/target/bench"
mkdir -p "$out_root"
tsv="$out_root/formats.tsv"
[[ -f "$tsv" ]] || printf 'date\tformat\torders\tevents\twall_s\tevents_per_s\tpeak_rss_mb\tevent_file_bytes\n' >"$tsv"

# Build (and write the class-data archive) outside the measured runs.
"$ROOT/event-sim" --runner=FlinkRunner --out "$out_root/warmup" --n-orders 1000 >/dev/null 2>&1

# the events file and both date folders: what the format changes
event_bytes() { du -cb "$1"/events.* "$1"/events_by_ingest_date "$1"/events_by_event_date | tail -1 | cut -f1; }

declare -A walls bytes
for format in ndjson gzip zstd parquet; do
  case "$format" in
    ndjson) flags=() ;;
    gzip | zstd) flags=(--compression "$format") ;;
    parquet) flags=(--format parquet) ;;
  esac
  times=()
  out="$out_root/formats-run"
  for r in $(seq 1 "$repeats"); do
    rm -rf "$out"
    timed_run "$out_root" "$ROOT/event-sim" --runner=FlinkRunner --out "$out" \
      --n-orders "$n" --seed 42 --start 2026-01-01T00:00:00Z "${flags[@]}"
    size=$(event_bytes "$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$format" "$n" "$EVENTS" "$WALL" "$RATE" "$RSS" "$size" >>"$tsv"
    printf '%-8s %9s orders %10s events %7.1f s %8s events/s %6s MB peak RSS %8.1f MB of event files\n' \
      "$format" "$n" "$EVENTS" "$WALL" "$RATE" "$RSS" "$(awk -v b="$size" 'BEGIN{print b/1e6}')" >&2
    times+=("$WALL")
  done
  rm -rf "$out"
  walls[$format]=$(printf '%s\n' "${times[@]}" | median)
  bytes[$format]=$size
done
for format in ndjson gzip zstd parquet; do
  awk -v f="$format" -v w="${walls[$format]}" -v b="${bytes[$format]}" -v w0="${walls[ndjson]}" -v b0="${bytes[ndjson]}" -v n="$n" 'BEGIN {
    printf "%-8s %s orders: median wall %.1f s (%.2fx ndjson), event files %.0f MB (%.1f%% of ndjson)\n", f, n, w, w / w0, b / 1e6, 100 * b / b0 }'
done
