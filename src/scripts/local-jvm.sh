# Shared by flink-local.sh and kafka-local.sh (sourced, not run): a service JVM started from Maven
# jars, tracked by a pid file. The sourcing script defines log().

# The classpath of POM's dependencies, resolved once with Maven into FILE (again when POM or the
# root pom changes).  maven_classpath POM FILE WHAT
maven_classpath() {
  local pom=$1 file=$2 what=$3
  if [[ ! -s "$file" || "$pom" -nt "$file" || "$ROOT/pom.xml" -nt "$file" ]]; then
    mkdir -p "$(dirname "$file")"
    log "resolving $what's jars with Maven..."
    (cd "$ROOT" && ./mvnw -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$file" >&2)
    touch "$file" # Maven leaves an unchanged file untouched
  fi
  cat "$file"
}

# The pid in PIDFILE if that process is alive and its command line contains MARKER (so a reused
# pid is not mistaken for ours), else nothing.  pid_if_alive PIDFILE MARKER
pid_if_alive() {
  local pidfile=$1 marker=$2 pid
  [[ -f "$pidfile" ]] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null && grep -q -- "$marker" "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  fi
}

# Stops PID: SIGTERM, up to SECONDS for a clean exit, then SIGKILL.  stop_pid PID SECONDS
stop_pid() {
  local pid=$1 seconds=$2
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 2))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}
