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

# Whether something listens on 127.0.0.1:PORT.  port_open PORT
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits until CHECK succeeds while PIDFN names a live process, for at most SECONDS; else says why,
# pointing at LOGDIR, and fails.  wait_until_ready WHAT SECONDS LOGDIR PIDFN CHECK...
wait_until_ready() {
  local what=$1 seconds=$2 logdir=$3 pidfn=$4
  shift 4
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if [[ -z "$($pidfn)" ]]; then
      log "$what exited; see $logdir/"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "$what not ready after ${seconds}s; see $logdir/"
      return 1
    fi
    sleep 0.5
  done
}

# Stops the service that PIDFN names (SIGTERM, SECONDS for a clean exit, then SIGKILL), forgets
# PIDFILE, and kills any stray process whose command line holds MARKER (one that lost its pid
# file).  stop_service WHAT PIDFN PIDFILE MARKER SECONDS
stop_service() {
  local what=$1 pidfn=$2 pidfile=$3 marker=$4 seconds=$5 pid stray
  pid=$($pidfn)
  if [[ -n "$pid" ]]; then
    stop_pid "$pid" "$seconds"
    log "stopped $what (pid $pid)"
  fi
  rm -f "$pidfile"
  for stray in $(pgrep -f -- "$marker" || true); do
    kill -9 "$stray" 2>/dev/null || true
    log "killed stray process $stray"
  done
}

# The status line of a service, and its exit code: running when PIDFN names a live process and
# PORT answers.  service_status WHAT PIDFN PORT DESCRIPTION
service_status() {
  local what=$1 pidfn=$2 port=$3 description=$4 pid
  pid=$($pidfn)
  if [[ -n "$pid" ]] && port_open "$port"; then
    echo "$what: running (pid $pid), $description"
  else
    echo "$what: not running"
    return 1
  fi
}

# Whether WHAT needs starting: not when PIDFN names a live process (said so); and when another
# process listens on PORT, refuses (exit 1) rather than start a second server.
#   if needs_start WHAT PIDFN PORT; then ...start it...; fi
needs_start() {
  local what=$1 pidfn=$2 port=$3 pid
  pid=$($pidfn)
  if [[ -n "$pid" ]]; then
    log "$what already running (pid $pid)"
    return 1
  fi
  if port_open "$port"; then
    log "something else already listens on 127.0.0.1:$port; not starting"
    exit 1
  fi
}
