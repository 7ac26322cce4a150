#!/usr/bin/env bash
# The temporary folder of the test suite's runs: every test JVM, and every run the tests start
# (through TMPDIR and java.io.tmpdir), puts its temporary files there, so that the suite can check
# that runs leave nothing behind.
#
#   src/scripts/test-tmp.sh reset DIR   empty DIR (before a module's tests)
#   src/scripts/test-tmp.sh check DIR   fail, naming them, if anything is left in DIR (after them)
set -euo pipefail
cmd=${1:-}
dir=${2:-}
[[ -n "$dir" ]] || { echo "usage: $0 reset|check DIR" >&2; exit 2; }
case "$cmd" in
  reset)
    rm -rf "$dir"
    mkdir -p "$dir"
    ;;
  check)
    mkdir -p "$dir"
    left=$(find "$dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
    if [[ -n "$left" ]]; then
      echo "test-tmp: the runs of the tests left these in the temporary folder $dir:" >&2
      echo "$left" | sed 's/^/  /' >&2
      exit 1
    fi
    echo "test-tmp: the runs left nothing in $dir"
    ;;
  *)
    echo "usage: $0 reset|check DIR" >&2
    exit 2
    ;;
esac
