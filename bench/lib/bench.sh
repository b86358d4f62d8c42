# shellcheck shell=bash
# What the benchmarks share: sourced by bench/run.sh and bench/reports.sh, not run.
#
#   source "$here/lib/bench.sh"
#   bench_start bench/run.sh pontive-bench    # dotnet there, servers installed, $work made; clean-up on any exit
#   bench_build Backlog "$build"              # bench/Backlog in Release into the build folder "$build"
#   bench_help_if_asked "$program" "$@"       # the program's --help, then exit, when the arguments ask for it
#
# The private servers are scripts/lib/servers.sh's (pontive_start_influxdb and the others), started by the caller
# in "$work"; bench_start makes sure they are stopped and "$work" removed on exit, failure or Ctrl-C.

bench__dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../../scripts/lib/servers.sh
source "$bench__dir/../scripts/lib/servers.sh"

# bench_start NAME WORK_PREFIX: NAME starts the script's messages; WORK_PREFIX names its temporary folder.
# Sets $work and $bench_name.
bench_start() {
  bench_name=$1
  local prefix=$2
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "$bench_name: 'dotnet' is not on PATH. Install the .NET 10 SDK (https://dotnet.microsoft.com/download) and run again." >&2
    exit 127
  fi

  pontive_install_missing_servers || exit

  work=$(mktemp -d "${TMPDIR:-/tmp}/$prefix.XXXXXX")
  trap bench__finish EXIT
  # A signal ends the script through `exit`, so the EXIT trap stops the servers.
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP

  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}

bench__finish() {
  local status=$?
  trap - EXIT INT TERM HUP
  pontive_stop_servers
  rm -rf "$work"
  exit "$status"
}

# bench_build PROJECT BUILD: builds bench/PROJECT (Pontive.Iot.Bench.PROJECT.csproj) in Release into BUILD, a build
# folder of the bench's own, so it never collides with a test run building src/ at the same time. The build's
# output is shown only when it fails: the figures are what a bench is for. No build servers stay behind to compete
# for the cores while the bench measures.
bench_build() {
  local project=$1 build=$2
  echo "$bench_name: building bench/$project (Release)" >&2
  if ! dotnet build "$bench__dir/$project/Pontive.Iot.Bench.$project.csproj" -c Release --artifacts-path "$build" \
    --disable-build-servers -nologo -v:minimal >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    echo "$bench_name: the build failed" >&2
    exit 1
  fi
}

# bench_help_if_asked PROGRAM ARGUMENTS...: the options are the program's, so it answers --help (before any server
# starts) and the script exits.
bench_help_if_asked() {
  local program=$1 argument
  shift
  for argument in "$@"; do
    case $argument in -h | --help | -\?) dotnet "$program" --help; exit 0 ;; esac
  done
}
