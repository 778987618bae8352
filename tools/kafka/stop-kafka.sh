#!/usr/bin/env bash
# Stops the Kafka broker started by start-kafka.sh: SIGTERM, up to KAFKA_STOP_TIMEOUT (30) s
# for a clean shutdown, then SIGKILL. Exits 0 when nothing runs.
#   --wipe   also delete the data dir (topics, offsets, cluster id): the next start is a fresh cluster.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

wipe=false
for arg in "$@"; do
  case $arg in
    --wipe) wipe=true ;;
    -h | --help) sed -n '2,4s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (usage: stop-kafka.sh [--wipe])" ;;
  esac
done
TIMEOUT=${KAFKA_STOP_TIMEOUT:-30}

# Alive and not a zombie (an unreaped zombie has already exited).
alive() { kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

if pid=$(broker_pid); then
  started=$(now)
  log "stopping Kafka (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + TIMEOUT))
  while alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if alive "$pid"; then
    log "no clean shutdown after ${TIMEOUT} s: sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while alive "$pid" && ((SECONDS < deadline)); do sleep 0.1; done
    alive "$pid" && die "pid $pid survived SIGKILL"
  fi
  log "stopped in $(elapsed "$started") s"
else
  log "Kafka is not running"
fi
rm -f "$PID_FILE"

if $wipe; then
  case $DATA in
    "" | / | "$HOME" | "$REPO") die "refusing to wipe data dir '$DATA'" ;;
  esac
  rm -rf "$DATA"
  log "wiped $DATA"
fi
