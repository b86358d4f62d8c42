#!/usr/bin/env bash
# The project's one test command: every test project, unit and integration, against real servers.
#
#   scripts/test.sh [dotnet test arguments...]      e.g. scripts/test.sh --filter FullyQualifiedName~Smoke
#
# Installs InfluxDB, Mosquitto, nginx and the tools some tests use when missing (Debian packages), starts a
# private instance of each server in a temporary folder on free loopback ports, runs `dotnet test Pontive.Iot.sln -c Release`
# with them, then stops them and removes the folder, also when tests fail or on Ctrl-C. Exits with
# dotnet test's status. Two runs at once do not meet: separate folders, separate ports.
#
# The tests find the servers through (tests/Integration.Tests/Servers/RealServers.cs):
#   PONTIVE_TEST_INFLUXDB_URL     InfluxDB 1.x, http://127.0.0.1:<port> (/write, /query, /ping)
#   PONTIVE_TEST_INFLUXDB_V2_URL  nginx taking InfluxDB 2.x writes (/api/v2/write) for that InfluxDB
#   PONTIVE_TEST_MOSQUITTO_PORT   Mosquitto on 127.0.0.1, anonymous, persistence on
#   PONTIVE_TEST_SERVER_TEMPLATES scripts/servers/, for the private servers that fault tests start
# Optional: PONTIVE_ARTIFACTS_PATH, passed to dotnet test as --artifacts-path (a build folder apart
# from the tree's own bin/ and obj/).
# Results: console (failed tests with their messages), and .trx files in artifacts/test-results/.

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/servers.sh
source "$root/scripts/lib/servers.sh"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: 'dotnet' is not on PATH. Install the .NET 10 SDK (https://dotnet.microsoft.com/download) and run again." >&2
  exit 127
fi

# The deploy tests check the scripts and units with shellcheck and systemd-analyze (tests/Integration.Tests/Deploy);
# the C compiler and Mosquitto's headers build its guard plugin (deploy/city/mosquitto/build-guard.sh).
pontive_install_missing_servers chromium=chromium shellcheck=shellcheck systemd-analyze=systemd \
  gcc=gcc /usr/include/stdio.h=libc6-dev /usr/include/mosquitto_broker.h=mosquitto-dev /usr/include/mosquitto.h=libmosquitto-dev

work=$(mktemp -d "${TMPDIR:-/tmp}/pontive-test.XXXXXX")
finish() {
  local status=$?
  trap - EXIT INT TERM HUP
  pontive_stop_servers
  rm -rf "$work"
  exit "$status"
}
trap finish EXIT
# A signal ends the script through `exit`, so the EXIT trap stops the servers.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

pontive_start_influxdb "$work/influxdb"
pontive_start_mosquitto "$work/mosquitto"
pontive_start_nginx_influx_v2 "$work/nginx" "$PONTIVE_INFLUXDB_PORT"

export PONTIVE_TEST_INFLUXDB_URL="http://127.0.0.1:$PONTIVE_INFLUXDB_PORT"
export PONTIVE_TEST_INFLUXDB_V2_URL="http://127.0.0.1:$PONTIVE_NGINX_PORT"
export PONTIVE_TEST_MOSQUITTO_PORT="$PONTIVE_MOSQUITTO_PORT"
# Where the fixtures find the config templates for the private servers fault tests start.
export PONTIVE_TEST_SERVER_TEMPLATES="$PONTIVE_SERVER_TEMPLATES"
echo "test.sh: InfluxDB 1.6 on 127.0.0.1:$PONTIVE_INFLUXDB_PORT, nginx (InfluxDB 2.x write API) on" \
  "127.0.0.1:$PONTIVE_NGINX_PORT, Mosquitto on 127.0.0.1:$PONTIVE_MOSQUITTO_PORT; logs in $work"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

results="$root/artifacts/test-results"
# One prefix per run, so the summary below counts this run's .trx files only.
run_id="run-$(date -u +%Y%m%dT%H%M%SZ)-$$"
# -m:1 runs the test projects one after another: the pin-timing tests (HX711, HC-SR04 on emulated GPIO) time
# microsecond edges in real time and must not share two cores with the integration tests' servers.
arguments=(test "$root/Pontive.Iot.sln" -c Release -m:1
  --logger "console;verbosity=normal"
  --logger "trx;LogFilePrefix=$run_id"
  --results-directory "$results")
if [[ -n ${PONTIVE_ARTIFACTS_PATH:-} ]]; then
  arguments+=(--artifacts-path "$PONTIVE_ARTIFACTS_PATH")
fi

status=0
dotnet "${arguments[@]}" "$@" || status=$?

# One closing line over every test project: "N passed, N failed, N skipped".
passed=0 failed=0 skipped=0
for trx in "$results/$run_id"*.trx; do
  [[ -f $trx ]] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
  if [[ $counters =~ \ passed=\"([0-9]+)\" ]]; then passed=$((passed + BASH_REMATCH[1])); fi
  if [[ $counters =~ \ failed=\"([0-9]+)\" ]]; then failed=$((failed + BASH_REMATCH[1])); fi
  if [[ $counters =~ \ notExecuted=\"([0-9]+)\" ]]; then skipped=$((skipped + BASH_REMATCH[1])); fi
done
echo "tests: $passed passed, $failed failed, $skipped skipped"

exit "$status"
