#!/usr/bin/env bash
# Speed of the command as users run it: ./event-sim without --runner (the launcher chooses the
# engine by size), whole process, JVM start included; wall time, CPU time, peak RSS and events/s,
# median of several runs, with the ratio to the Python tool event-sim replaces.
#
#   src/bench/speed.sh                     # 5k (5 runs), 50k (5), 1M (3) and 10M orders (1)
#   src/bench/speed.sh 5000 50000          # chosen sizes
#   RUNS=3 src/bench/speed.sh 5000         # runs per size
#
# The Python tool is not part of this project: its figures below were measured on the 2-core
# development machine with the same flags (--seed 42 --start 2026-01-01T00:00:00Z). Results are
# printed and appended to target/bench/speed.tsv; each run's files are removed after it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=timed-run.sh
. "$ROOT/src/bench/timed-run.sh"
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(5000 50000 1000000 10000000)
declare -A python_wall=([5000]=1.30 [50000]=9.24 [1000000]=215)
out_root="$ROOT/target/bench"
mkdir -p "$out_root"
tsv="$out_root/speed.tsv"
[[ -f "$tsv" ]] || printf 'date\torders\trunner\tevents\twall_s\tcpu_s\tpeak_rss_mb\tevents_per_s\tvs_python\n' >"$tsv"

# Build both jars and write their class-data archives outside the measured runs.
for runner in DirectRunner FlinkRunner; do
  for i in 1 2; do
    "$ROOT/event-sim" --runner=$runner --out "$out_root/warmup" --n-orders 100 >/dev/null 2>&1
  done
done


printf '%-9s %-12s %-10s %-8s %-7s %-8s %-9s %s\n' orders runner events wall_s cpu_s rss_mb events/s "vs Python"
for n in "${sizes[@]}"; do
  runs=${RUNS:-$( ((n <= 100000)) && echo 5 || { ((n <= 1000000)) && echo 3 || echo 1; })}
  walls=() cpus=() rss=0
  for ((i = 0; i < runs; i++)); do
    dir="$out_root/speed-run"
    rm -rf "$dir"
    timed_run "$out_root" "$ROOT/event-sim" --out "$dir" --n-orders "$n" --seed 42 --start 2026-01-01T00:00:00Z
    walls+=("$WALL")
    cpus+=("$CPU")
    ((RSS > rss)) && rss=$RSS
    runner=$(tail -1 "$out_root/stdout.txt" | sed 's/.*"runner":"\([A-Za-z]*\)".*/\1/')
    rm -rf "$dir"
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  rate=$(awk -v e="$EVENTS" -v w="$wall" 'BEGIN {printf "%.0f", e / w}')
  vs=$(awk -v w="$wall" -v p="${python_wall[$n]:-}" 'BEGIN {if (p == "") print "-"; else printf "%.2f", w / p}')
  printf '%-9s %-12s %-10s %-8s %-7s %-8s %-9s %s  (runs: %s)\n' "$n" "$runner" "$EVENTS" "$wall" "$cpu" "$rss" "$rate" "$vs" "${walls[*]}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$n" "$runner" "$EVENTS" "$wall" "$cpu" "$rss" "$rate" "$vs" >>"$tsv"
done
echo "vs Python: event-sim's wall time / the Python tool's (${python_wall[*]} s for ${!python_wall[*]} orders); below 1 is faster"
