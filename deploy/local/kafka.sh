#!/usr/bin/env bash
# A single-node Kafka broker (KRaft) on 127.0.0.1 for Paddock's distributed mode on one machine.
#   deploy/local/kafka.sh run    [--dir D] [--port P] [--set key=value]...   foreground; stops on SIGTERM/Ctrl-C
#   deploy/local/kafka.sh start  [--dir D] [--port P] [--set key=value]...   background; returns once it serves
#   deploy/local/kafka.sh stop   [--dir D]                                    graceful stop of a started broker
#   deploy/local/kafka.sh status [--dir D]
# Defaults: --dir ~/.paddock/kafka, --port 9092. Jars come from Maven Central through the Maven build.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LIB="$HERE/target/kafka/lib"
CLASSES="$ROOT/testing/target/classes"
MAIN=dev.paddock.testing.kafka.KafkaBrokerMain

die() { echo "kafka: $*" >&2; exit 1; }

usage() { sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

java_bin() {
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  command -v "$java" >/dev/null || die "no java found: set JAVA_HOME to a JDK 25"
  echo "$java"
}

build_if_needed() {
  local stamp="$CLASSES/dev/paddock/testing/kafka/$(echo $MAIN | sed 's/.*\.//').class"
  if [[ ! -f "$stamp" || ! -d "$LIB" ]] \
    || [[ -n "$(find "$ROOT/testing/src/main" "$HERE/pom.xml" -newer "$stamp" -type f -print -quit)" ]]; then
    echo "kafka: building the broker launcher and copying the broker jars ..." >&2
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl testing -am package) >&2 || die "build failed (run ./mvnw -pl testing -am package)"
  fi
}

dir_of() {
  local dir="$HOME/.paddock/kafka"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dir) dir="${2:?--dir needs a folder}"; shift 2 ;;
      *) shift ;;
    esac
  done
  mkdir -p "$dir" && (cd "$dir" && pwd)
}

running_pid() {
  local pidfile="$1/kafka.pid"
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"
}

run() {
  build_if_needed
  exec "$(java_bin)" -Xmx64m -XX:+UseSerialGC -Dpaddock.kafka.lib="$LIB" -cp "$CLASSES" "$MAIN" "$@"
}

start() {
  local dir pid launcher_log
  dir="$(dir_of "$@")"
  if pid="$(running_pid "$dir")"; then die "already running (pid $pid, folder $dir)"; fi
  build_if_needed
  launcher_log="$dir/launcher.log"
  : > "$launcher_log"
  nohup "${BASH_SOURCE[0]}" run "$@" >>"$launcher_log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$dir/kafka.pid"
  until grep -q '^kafka: listening on' "$launcher_log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$launcher_log" >&2; rm -f "$dir/kafka.pid"; die "broker did not start"; }
    sleep 0.2
  done
  grep '^kafka: listening on' "$launcher_log"
}

stop() {
  local dir pid
  dir="$(dir_of "$@")"
  pid="$(running_pid "$dir")" || { echo "kafka: not running (folder $dir)"; rm -f "$dir/kafka.pid"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$dir/kafka.pid"; echo "kafka: stopped (pid $pid)"; return 0; }
    sleep 0.1
  done
  die "pid $pid still running 30 s after SIGTERM"
}

status() {
  local dir pid
  dir="$(dir_of "$@")"
  if pid="$(running_pid "$dir")"; then
    echo "kafka: running (pid $pid); $(grep '^kafka: listening on' "$dir/launcher.log" | sed 's/^kafka: //')"
  else
    echo "kafka: not running (folder $dir)"; return 3
  fi
}

case "${1:-}" in
  run|start|stop|status) cmd="$1"; shift; "$cmd" "$@" ;;
  -h|--help|"") usage ;;
  *) usage >&2; die "unknown command $1" ;;
esac
