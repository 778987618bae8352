# Shared settings and helpers for start-kafka.sh, stop-kafka.sh and kafka-cli.sh (sourced, not run).
# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this file

KAFKA_TOOLS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$KAFKA_TOOLS_DIR/../.." && pwd)

CACHE=${KAFKA_CACHE_DIR:-$REPO/.cache/kafka}
DATA=${KAFKA_DATA_DIR:-$CACHE/data}
LOG_DIR=${KAFKA_LOG_DIR:-$CACHE/logs}
PORT=${KAFKA_PORT:-9092}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}

LIBS=$CACHE/libs
LIBS_MARKER=$LIBS/.fetched
PID_FILE=$DATA/kafka.pid
SERVER_PROPS=$DATA/server.properties
TOOLS_LOG4J=$CACHE/tools-log4j.properties

# The version the pom resolves (the pom is the single source of truth).
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$KAFKA_TOOLS_DIR/pom.xml")

log() { echo "[kafka] $*"; }
die() { echo "[kafka] error: $*" >&2; exit 1; }

# Epoch time with decimals, for "took N s" messages.
now() { local t=${EPOCHREALTIME:-$(date +%s)}; echo "${t/,/.}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Prints the pid of the broker started for $DATA when it is alive, else nothing (returns 1).
# Checks the command line so that a stale pid file whose pid was reused is not mistaken for it.
broker_pid() {
  local pid
  [[ -f $PID_FILE ]] || return 1
  pid=$(tr -dc '0-9' <"$PID_FILE")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $SERVER_PROPS" || return 1
  echo "$pid"
}

libs_fetched() { [[ -f $LIBS_MARKER && $(cat "$LIBS_MARKER") == "$KAFKA_VERSION $(pom_hash)" ]]; }
pom_hash() { sha256sum "$KAFKA_TOOLS_DIR/pom.xml" | cut -c1-16; }

# Writes the log4j config used by the CLI tools: warnings and errors only, to stderr.
write_tools_log4j() {
  mkdir -p "$CACHE"
  cat >"$TOOLS_LOG4J" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# Runs a Kafka CLI class from the cached jars: kafka_cli <main class> [args...]
# KAFKA_CLI_TIMEOUT (seconds) bounds its run time when set.
kafka_cli() {
  [[ -f $TOOLS_LOG4J ]] || write_tools_log4j
  ${KAFKA_CLI_TIMEOUT:+timeout "$KAFKA_CLI_TIMEOUT"} java -XX:TieredStopAtLevel=1 -Xmx256m -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$TOOLS_LOG4J" -cp "$LIBS/*" "$@"
}
