#!/usr/bin/env bash
# The backlog benchmark: how fast 100,000 queued telemetry messages drain through Ingest into InfluxDB, next to
# the rate a plain subscriber drains the same backlog from the same broker in the same run. A benchmark, not a
# test: it prints figures and checks that every point arrived; speed is never asserted.
#
#   bench/run.sh [options]      e.g. bench/run.sh --messages 20000 --max-unacknowledged 2000
#
# Options go to the program (bench/Backlog): --messages, --samples-per-message, --max-unacknowledged,
# --max-batch-lines, --timeout-seconds; --help lists them.
# Installs the servers when missing (Debian packages, as scripts/test.sh does), builds bench/Backlog (Release),
# starts a private InfluxDB and Mosquitto on free loopback ports in a temporary folder, runs bench/Backlog
# against them, then stops the servers and removes the folder, also on failure or Ctrl-C. Prints a Markdown
# report and writes it to bench/results/latest.md (not committed). Exits 0 when InfluxDB holds every point,
# non-zero otherwise.
# The figures depend on the machine and on what else runs on it: the report shows both.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Reports benchmark (issue 7): `bench/run.sh reports [options]` runs bench/reports.sh (report queries over a year of data).
if [[ ${1:-} == reports ]]; then shift; exec "$here/reports.sh" "$@"; fi
root=$(cd "$here/.." && pwd)
# shellcheck source=lib/bench.sh
source "$here/lib/bench.sh"

bench_start bench/run.sh pontive-bench
# The bench's own build folder: a build here never collides with a test run building src/ at the same time.
build="$root/artifacts/bench"
bench_build Backlog "$build"
program="$build/bin/Pontive.Iot.Bench.Backlog/release/pontive-bench-backlog.dll"
bench_help_if_asked "$program" "$@"

# The bench's Mosquitto is the project's (scripts/servers/mosquitto.conf.template) with one change: no cap on
# the messages queued for an offline client. The template keeps Mosquitto's default of 1000 queued messages
# per client and drops the rest silently, so a 100,000-message backlog would arrive as 1000 (plus those in
# flight). max_queued_bytes is unlimited by default; the config says so too. Rendered from the template rather
# than copied, so the bench's broker cannot drift from the one the tests use.
templates="$work/templates"
mkdir -p "$templates"
sed -e 's/^max_queued_messages [0-9]*$/max_queued_messages 0\nmax_queued_bytes 0/' \
  "$PONTIVE_SERVER_TEMPLATES/mosquitto.conf.template" >"$templates/mosquitto.conf.template"
if ! grep -qx 'max_queued_messages 0' "$templates/mosquitto.conf.template"; then
  echo "bench/run.sh: no 'max_queued_messages' line to lift in $PONTIVE_SERVER_TEMPLATES/mosquitto.conf.template" >&2
  exit 1
fi

pontive_start_influxdb "$work/influxdb"
PONTIVE_SERVER_TEMPLATES=$templates pontive_start_mosquitto "$work/mosquitto"
broker_name=$(grep -om1 'mosquitto version [0-9.]*' "$work/mosquitto/mosquitto.log" | sed 's/^mosquitto version/Mosquitto/' || true)
echo "bench/run.sh: InfluxDB on 127.0.0.1:$PONTIVE_INFLUXDB_PORT, Mosquitto on 127.0.0.1:$PONTIVE_MOSQUITTO_PORT; logs in $work" >&2

dotnet "$program" \
  --mqtt-port "$PONTIVE_MOSQUITTO_PORT" \
  --broker-name "${broker_name:-Mosquitto}" \
  --influxdb-url "http://127.0.0.1:$PONTIVE_INFLUXDB_PORT" \
  --server-pid "$PONTIVE_MOSQUITTO_PID" --server-pid "$PONTIVE_INFLUXDB_PID" \
  --results-file "$here/results/latest.md" \
  "$@"
