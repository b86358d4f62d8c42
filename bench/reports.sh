#!/usr/bin/env bash
# The reports benchmark: how long each report query takes over a year of one-minute data from 50 sensors (and a
# year of deposits at 10 waste banks), read raw and through the hourly and daily roll-ups. A benchmark, not a test:
# it prints figures; speed is never asserted.
#
#   bench/reports.sh [options]      e.g. bench/reports.sh --days 90 --repeat 5
#
# Options go to the program (bench/Reports): --days, --interval-seconds, --banks, --deposits-per-day, --repeat;
# --help lists them. Installs InfluxDB when missing (Debian package, as scripts/test.sh does), builds bench/Reports
# (Release), starts a private InfluxDB on a free loopback port with its data in a temporary folder, runs the
# benchmark (seed, roll-up set-up and backfill with Ingest's own code, then every report query), then stops the
# server and removes the folder, also on failure or Ctrl-C. Prints a Markdown report and writes it to
# bench/results/reports-latest.md (not committed). A full run writes ~31 million points and takes a while.

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=lib/bench.sh
source "$here/lib/bench.sh"

bench_start bench/reports.sh pontive-bench-reports
# A build folder of its own: never collides with a test run or the backlog bench building src/ at the same time.
build="$root/artifacts/bench-reports"
bench_build Reports "$build"
program="$build/bin/Pontive.Iot.Bench.Reports/release/pontive-bench-reports.dll"
bench_help_if_asked "$program" "$@"

pontive_start_influxdb "$work/influxdb"
echo "bench/reports.sh: InfluxDB on 127.0.0.1:$PONTIVE_INFLUXDB_PORT; logs in $work" >&2

dotnet "$program" \
  --influxdb-url "http://127.0.0.1:$PONTIVE_INFLUXDB_PORT" \
  --results-file "$here/results/reports-latest.md" \
  "$@"
