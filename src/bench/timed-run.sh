# Shared by the benchmark scripts (sourced, not run): one whole command timed by /usr/bin/time -v,
# and the median of several.
#
#   timed_run DIR COMMAND...   runs COMMAND with its stdout and stderr in DIR/stdout.txt and
#                              DIR/stderr.txt, and sets WALL (seconds), CPU (user + system
#                              seconds), RSS (peak resident MB), EVENTS (from the command's
#                              JSON summary) and RATE (events/s); fails, showing the end of
#                              stderr, when the command fails.
timed_run() {
  local dir=$1
  shift
  /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/stdout.txt" 2>"$dir/stderr.txt" || {
    echo "run failed:" >&2
    tail -5 "$dir/stderr.txt" >&2
    return 1
  }
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time.txt" |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  CPU=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {printf "%.1f", s}' "$dir/time.txt")
  RSS=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$dir/time.txt")
  EVENTS=$(tail -1 "$dir/stdout.txt" | sed 's/.*"events":\([0-9]*\).*/\1/')
  RATE=$(awk -v e="$EVENTS" -v w="$WALL" 'BEGIN {printf "%.0f", e / w}')
}

# The median of the numbers on stdin, one per line (of an even count, the mean of the middle two).
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
