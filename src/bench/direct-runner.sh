#!/usr/bin/env bash
# Benchmark of the command on the DirectRunner: wall time and peak RSS of the whole process
# (JVM start included), via ./event-sim as users run it.
#
#   src/bench/direct-runner.sh                 # 5k (5 runs, median), 50k and 200k orders
#   src/bench/direct-runner.sh 5000 20000      # chosen sizes
#   RUNS=3 src/bench/direct-runner.sh 5000     # runs per size (median reported)
#
# Results are printed and appended to target/bench/direct-runner.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(5000 50000 200000)
out_root="$ROOT/target/bench"
mkdir -p "$out_root"
tsv="$out_root/direct-runner.tsv"
[[ -f "$tsv" ]] || printf 'date\torders\tevents\twall_s\tpeak_rss_mb\tevents_per_s\n' >"$tsv"

# Build (and write the class-data archive) outside the measured runs.
"$ROOT/event-sim" --out "$out_root/warmup" --n-orders 100 >/dev/null 2>&1
"$ROOT/event-sim" --out "$out_root/warmup" --n-orders 100 >/dev/null 2>&1

printf '%-10s %-10s %-9s %-12s %-10s\n' orders events wall_s peak_rss_mb events/s
for n in "${sizes[@]}"; do
  runs=${RUNS:-$([[ $n -le 10000 ]] && echo 5 || echo 1)}
  walls=()
  rss=0
  events=0
  for ((i = 0; i < runs; i++)); do
    dir="$out_root/run-$n"
    rm -rf "$dir"
    /usr/bin/time -v -o "$out_root/time.txt" "$ROOT/event-sim" --out "$dir" --n-orders "$n" --seed 42 \
      --start 2026-01-01T00:00:00Z >"$out_root/stdout.txt" 2>"$out_root/stderr.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out_root/time.txt" |
      awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out_root/time.txt")
    events=$(tail -1 "$out_root/stdout.txt" | sed 's/.*"events":\([0-9]*\).*/\1/')
    walls+=("$wall")
    ((r > rss)) && rss=$r
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  rate=$(awk -v e="$events" -v w="$median" 'BEGIN {printf "%.0f", e / w}')
  printf '%-10s %-10s %-9s %-12s %-10s  (runs: %s)\n' "$n" "$events" "$median" "$((rss / 1024))" "$rate" "${walls[*]}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$n" "$events" "$median" "$((rss / 1024))" "$rate" >>"$tsv"
done
