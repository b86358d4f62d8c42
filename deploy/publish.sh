#!/usr/bin/env bash
# Builds the release archives that deploy/edge/install.sh and deploy/city/install.sh install.
#
#   deploy/publish.sh [--version NAME] [--output DIR] [--only agent|ingest] [--no-ready-to-run]
#
# Makes, in artifacts/deploy/ by default:
#   pontive-agent-NAME-linux-arm64.tar.gz   the edge agent for the Raspberry Pi (64-bit Raspberry Pi OS)
#   pontive-ingest-NAME-linux-x64.tar.gz    Ingest for the city's server
#   SHA256SUMS
# Each unpacks to one folder: install.sh, the systemd unit(s), command/ (the command it installs), program/ (the published
# program), VERSION, DEPLOY.md (docs/deploy.md); the city archive also mosquitto/ (the guard plugin's source and its
# build script, docs/security.md). Copy the archive to the machine, unpack, run sudo ./install.sh.
#
# The programs are framework-dependent: the target needs the ASP.NET Core 10 runtime (docs/deploy.md), and gets a
# smaller archive and the runtime's security updates from apt. Each is built for its machine (-r linux-arm64 /
# linux-x64): a native launcher (apphost) for that processor, only that processor's native libraries (SQLite,
# serial ports), and ReadyToRun code, which starts the agent much faster on a Pi (--no-ready-to-run: plain IL).
#
# NAME defaults to YYYYmmdd-<commit>[-dirty]. A NAME like 1.4.0 also becomes the programs' version (the agent
# reports it in its status message). The build runs in its own folder: the tree's bin/ and obj/ are not touched.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
version=
output=$root/artifacts/deploy
only=
ready_to_run=true

while (($#)); do
  case $1 in
    --version) version=${2:?--version needs a name}; shift 2 ;;
    --output) output=${2:?--output needs a folder}; shift 2 ;;
    --only) only=${2:?--only needs agent or ingest}; shift 2 ;;
    --no-ready-to-run) ready_to_run=false; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "publish.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case $only in '' | agent | ingest) ;; *) echo "publish.sh: --only takes agent or ingest" >&2; exit 2 ;; esac
command -v dotnet >/dev/null 2>&1 || { echo "publish.sh: 'dotnet' is not on PATH: install the .NET 10 SDK" >&2; exit 127; }

if [[ -z $version ]]; then
  commit=$(git -C "$root" rev-parse --short=8 HEAD 2>/dev/null || echo nogit)
  dirty=
  if [[ $commit != nogit ]] && [[ -n $(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null) ]]; then dirty=-dirty; fi
  version=$(date -u +%Y%m%d)-$commit$dirty
fi
[[ $version =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || { echo "publish.sh: version '$version': letters, digits, '.', '_', '+', '-' only" >&2; exit 2; }
version_property=()
if [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then version_property=("-p:Version=$version"); fi

mkdir -p "$output"
output=$(cd "$output" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pontive-publish.XXXXXX")
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# package NAME PROJECT RID DEPLOYDIR FILES...: publish PROJECT for RID and pack it with DEPLOYDIR's FILES.
package() {
  local name=$1 project=$2 rid=$3 deploy=$4
  shift 4
  local folder=$name-$version
  local stage=$work/stage/$folder
  mkdir -p "$stage"
  echo "publish.sh: $name for $rid ..."
  dotnet publish "$root/$project" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun="$ready_to_run" "${version_property[@]}" \
    --artifacts-path "$work/build" -o "$stage/program" -v quiet -nologo
  [[ -x $stage/program/$name && -f $stage/program/$name.dll ]] || { echo "publish.sh: $name was not published" >&2; exit 1; }
  local file
  for file in "$@"; do
    mkdir -p "$stage/$(dirname "$file")"
    cp -p "$root/$deploy/$file" "$stage/$file"
  done
  cp "$root/docs/deploy.md" "$stage/DEPLOY.md"
  printf '%s\n' "$version" > "$stage/VERSION"
  local archive=$name-$version-$rid.tar.gz
  tar -C "$work/stage" --owner=0 --group=0 -czf "$output/$archive" "$folder"
  echo "publish.sh: $output/$archive"
  archives+=("$archive")
}

archives=()
if [[ -z $only || $only == agent ]]; then
  package pontive-agent src/EdgeAgent linux-arm64 deploy/edge \
    install.sh pontive-agent.service journald-pontive-agent.conf command/pontive-agent
fi
if [[ -z $only || $only == ingest ]]; then
  package pontive-ingest src/Ingest linux-x64 deploy/city \
    install.sh pontive-ingest.service pontive-ingest-backup.service pontive-ingest-backup.timer backup.sh \
    command/pontive-ingest ingest.env.example secrets.env.example journald-pontive.conf \
    mosquitto/pontive-guard.c mosquitto/build-guard.sh
fi
(cd "$output" && sha256sum "${archives[@]}" > SHA256SUMS)
echo "publish.sh: checksums in $output/SHA256SUMS"
