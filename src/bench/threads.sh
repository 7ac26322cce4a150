#!/usr/bin/env bash
# Where a command's CPU time goes, thread by thread: runs COMMAND, reads the user + system time of
# every thread of every process it starts (/proc/PID/task/TID/stat, sampled every 0.3 s; a thread's
# last sample is kept after it ends), and prints the busiest threads, named as the kernel names
# them (15 characters: "C2 CompilerThre" is the JIT's C2 compiler, "CHAIN DataSourc" a Flink task
# that generates, "CHAIN GroupRedu" one that sorts and writes), then the command's wall time.
#
#   src/bench/threads.sh -- ./event-sim --runner=FlinkRunner --out /tmp/o --n-orders 1000000
#   TOP=25 src/bench/threads.sh -- ./event-sim --out /tmp/o --n-orders 5000
#
# A thread that lives less than 0.3 s may be missed; the figures are a profile, not a benchmark.
set -euo pipefail
[[ "${1:-}" == "--" ]] && shift
if [[ $# -eq 0 ]]; then
  echo "usage: $0 -- COMMAND [ARG ...]" >&2
  exit 2
fi
ticks=$(getconf CLK_TCK)

descendants() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}

declare -A cpu name
start=$(date +%s.%N)
"$@" &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  for p in $pid $(descendants "$pid"); do
    for task in /proc/"$p"/task/*; do
      # read, not cat: the sampler must not fork per thread (it shares the cores it measures).
      read -r stat <"$task/stat" 2>/dev/null || continue
      read -r comm <"$task/comm" 2>/dev/null || continue
      # Fields after the command name: utime and stime are the 12th and 13th.
      read -r -a fields <<<"${stat##*) }"
      tid=${task##*/}
      cpu[$p.$tid]=$((fields[11] + fields[12]))
      name[$p.$tid]=$comm
    done
  done
  sleep 0.3
done
wait "$pid" && status=0 || status=$?
end=$(date +%s.%N)

total=0
for key in "${!cpu[@]}"; do
  total=$((total + cpu[$key]))
done
echo "CPU seconds by thread (top ${TOP:-15} of ${#cpu[@]} threads; all threads: $(awk -v t="$total" -v h="$ticks" 'BEGIN {printf "%.1f", t / h}') s):"
for key in "${!cpu[@]}"; do
  printf '%s\t%s\n' "${cpu[$key]}" "${name[$key]}"
done | sort -rn | head -"${TOP:-15}" | awk -F'\t' -v h="$ticks" '{printf "%8.2f  %s\n", $1 / h, $2}'
awk -v a="$start" -v b="$end" 'BEGIN {printf "wall %.2f s\n", b - a}'
exit "$status"
