#!/usr/bin/env bash
# Installs, updates or rolls back Pontive.Iot Ingest on the city's server (Debian 12, x64).
# Run as root, from the unpacked release (deploy/publish.sh makes it) or from deploy/city/ with --from.
# Safe to run again: it puts the same files in place, and never overwrites the settings or the secrets.
#
#   sudo ./install.sh                  install, or update to this release (restarts a running Ingest)
#   sudo ./install.sh --rollback       back to the release before the current one
#   sudo ./install.sh --uninstall      remove the program and the units (data, settings and backups stay)
#
# Options:
#   --settings FILE    install FILE as /etc/pontive-ingest/ingest.env (the old one is kept as .previous);
#                      without it, a first install puts ingest.env.example there to be edited
#   --secrets FILE     install FILE as /etc/pontive-ingest/secrets.env (root:root 0600)
#   --from DIR         the published program (default: program/ beside this script)
#   --release NAME     the release's name (default: the VERSION file beside this script, else the time)
#   --keep N           releases kept besides the current and previous one (default 2)
#   --no-start         install and enable, but do not start or restart Ingest
#   --no-systemctl     do not call systemctl at all (also implied without a running systemd, or with --root)
#   --root DIR         install into DIR instead of / (tests, image building): no users, owners or systemctl
#
# Layout (deploy/city/pontive-ingest.service expects exactly this):
#   /opt/pontive-ingest/releases/NAME/    the program, root-owned; current -> the running one, previous -> the one before
#   /usr/local/bin/pontive-ingest         the operator's command (runs as user pontive-ingest, like the service)
#   /etc/pontive-ingest/                  ingest.env, the settings (root:pontive-ingest 0640); secrets.env (root 0600)
#   /var/lib/pontive-ingest/              registry.db, dead-letters.db, ca/, http-keys/ (pontive-ingest 0750)
#   /var/backups/pontive-ingest/          daily archives from pontive-ingest-backup.timer (pontive-ingest 0700)
#   /etc/systemd/system/pontive-ingest.service, pontive-ingest-backup.service, pontive-ingest-backup.timer
set -euo pipefail

readonly service=pontive-ingest
readonly user=pontive-ingest
readonly program_name=pontive-ingest

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=/
from=
settings=
secrets=
release=
keep=2
start=1
use_systemctl=1
action=install

say() { printf 'install.sh: %s\n' "$*"; }
hint() { printf 'install.sh: NOTE: %s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

while (($#)); do
  case $1 in
    --settings) settings=${2:?--settings needs a file}; shift 2 ;;
    --secrets) secrets=${2:?--secrets needs a file}; shift 2 ;;
    --from) from=${2:?--from needs a folder}; shift 2 ;;
    --release) release=${2:?--release needs a name}; shift 2 ;;
    --keep) keep=${2:?--keep needs a number}; shift 2 ;;
    --root) root=${2:?--root needs a folder}; shift 2 ;;
    --no-start) start=0; shift ;;
    --no-systemctl) use_systemctl=0; shift ;;
    --rollback) action=rollback; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

[[ $keep =~ ^[0-9]+$ ]] || die "--keep takes a number, not '$keep'"
root=${root%/}
on_target=0
if [[ -z $root ]]; then
  on_target=1
  (( EUID == 0 )) || die "run it as root: sudo $0 $*"
else
  [[ -d $root ]] || die "--root $root is not a folder"
  root=$(cd "$root" && pwd)
  use_systemctl=0
fi
if (( use_systemctl )) && [[ ! -d /run/systemd/system ]]; then
  hint "systemd is not running here: the units are installed but not enabled or started."
  use_systemctl=0
fi

opt=/opt/pontive-ingest
etc=/etc/pontive-ingest
state=/var/lib/pontive-ingest
backups=/var/backups/pontive-ingest
units=(pontive-ingest.service pontive-ingest-backup.service pontive-ingest-backup.timer)
command_path=/usr/local/bin/pontive-ingest
backup_path=/usr/local/sbin/pontive-ingest-backup
at() { printf '%s%s' "$root" "$1"; }

owned() { # owned OWNER:GROUP MODE PATH: the owner only on the target itself
  if (( on_target )); then chown "$1" "$3"; fi
  chmod "$2" "$3"
}

systemctl_do() {
  if (( use_systemctl )); then systemctl "$@"; fi
}

switch_link() { # switch_link LINK TARGET: replaces LINK atomically
  ln -sfn "$2" "$1.new"
  mv -Tf "$1.new" "$1"
}

if [[ $action == rollback ]]; then
  [[ -L $(at $opt/previous) ]] || die "no previous release in $opt to roll back to"
  previous=$(readlink "$(at $opt/previous)")
  current=$(readlink "$(at $opt/current)" || true)
  [[ -d $(at $opt)/$previous ]] || die "the previous release $opt/$previous is gone"
  switch_link "$(at $opt/current)" "$previous"
  if [[ -n $current ]]; then switch_link "$(at $opt/previous)" "$current"; fi
  say "current release: ${previous#releases/} (was: ${current:+${current#releases/}}); the data in $state is kept as it is"
  systemctl_do restart "$service"
  exit 0
fi

if [[ $action == uninstall ]]; then
  systemctl_do disable --now pontive-ingest-backup.timer "$service" || true
  for unit in "${units[@]}"; do rm -f "$(at /etc/systemd/system/"$unit")"; done
  rm -f "$(at "$command_path")" "$(at "$backup_path")"
  rm -rf "$(at $opt)"
  systemctl_do daemon-reload
  say "removed the program, the units and the commands. Kept: $etc (settings, secrets), $state (registry, CA," \
    "dead letters) and $backups."
  exit 0
fi

# --- the release to install --------------------------------------------------------------------------------------
from=${from:-$here/program}
[[ -x $from/$program_name && -f $from/$program_name.dll ]] ||
  die "no published Ingest in $from (want $program_name and $program_name.dll): use the release archive from deploy/publish.sh, or --from"
if [[ -z $release ]]; then
  if [[ -f $here/VERSION ]]; then release=$(<"$here/VERSION"); else release=manual-$(date -u +%Y%m%dT%H%M%SZ); fi
fi
[[ $release =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "release name '$release': letters, digits, '.', '_', '+', '-' only"
[[ -z $settings || -f $settings ]] || die "--settings $settings does not exist"
[[ -z $secrets || -f $secrets ]] || die "--secrets $secrets does not exist"

if (( on_target )); then
  arch=$(uname -m)
  [[ $arch == x86_64 ]] || hint "this machine is $arch; the release is built for linux-x64."
  if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-runtimes 2>/dev/null | grep -q '^Microsoft.AspNetCore.App 10\.'; then
    die "the ASP.NET Core 10 runtime is missing: sudo apt-get install aspnetcore-runtime-10.0 from Microsoft's package feed (docs/deploy.md), then run this again"
  fi
fi

# --- user, folders, settings --------------------------------------------------------------------------------------
if (( on_target )) && ! getent passwd "$user" >/dev/null; then
  useradd --system --user-group --home-dir "$state" --no-create-home --shell /usr/sbin/nologin \
    --comment "Pontive.Iot Ingest" "$user"
  say "created the system user $user"
fi

mkdir -p "$(at $etc)" "$(at $state)" "$(at $backups)" "$(at $opt)/releases" "$(at /etc/systemd/system)" \
  "$(at /usr/local/bin)" "$(at /usr/local/sbin)"
owned root:$user 0750 "$(at $etc)"
owned $user:$user 0750 "$(at $state)"
owned $user:$user 0700 "$(at $backups)"
owned root:root 0755 "$(at $opt)"
owned root:root 0755 "$(at $opt)/releases"

same_file() { [[ -e $2 && $(readlink -f "$1") == "$(readlink -f "$2")" ]]; }
if [[ -n $settings ]] && same_file "$settings" "$(at $etc/ingest.env)"; then settings=; fi
if [[ -n $secrets ]] && same_file "$secrets" "$(at $etc/secrets.env)"; then secrets=; fi

# The settings are environment variables (the unit's EnvironmentFile=), because the pontive-ingest commands read
# their settings from the environment too: both see the same ones.
first_install=0
[[ -f $(at $etc/ingest.env) ]] || first_install=1
if [[ -n $settings ]]; then
  if [[ -f $(at $etc/ingest.env) ]] && ! cmp -s "$settings" "$(at $etc/ingest.env)"; then
    cp -p "$(at $etc/ingest.env)" "$(at $etc/ingest.env.previous)"
    say "the settings it replaces are kept as $etc/ingest.env.previous"
  fi
  install -m 0640 "$settings" "$(at $etc/ingest.env)"
elif (( first_install )); then
  install -m 0640 "$here/ingest.env.example" "$(at $etc/ingest.env)"
  say "wrote $etc/ingest.env from the example: edit it before starting Ingest"
fi
owned root:$user 0640 "$(at $etc/ingest.env)"
if [[ -n $secrets ]]; then
  install -m 0600 "$secrets" "$(at $etc/secrets.env)"
elif [[ ! -f $(at $etc/secrets.env) ]]; then
  install -m 0600 "$here/secrets.env.example" "$(at $etc/secrets.env)"
fi
owned root:root 0600 "$(at $etc/secrets.env)"

# --- the program --------------------------------------------------------------------------------------------------
incoming=$(mktemp -d "$(at $opt)/releases/.incoming-XXXXXX")
trap 'rm -rf "$incoming"' EXIT
cp -R "$from/." "$incoming/"
chmod -R u=rwX,go=rX "$incoming"
chmod 0755 "$incoming/$program_name"
if (( on_target )); then chown -R root:root "$incoming"; fi

if (( on_target )); then
  # The service's own view: its user, its runtime. Fails here rather than in a restart loop.
  if ! (cd / && setpriv --reuid="$user" --regid="$user" --init-groups -- env HOME="$state" "$incoming/$program_name" --help >/dev/null 2>&1); then
    dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
    die "the program does not start as user $user. If the .NET runtime is not in /usr/share/dotnet, tell the program where it is: echo $dotnet_root > /etc/dotnet/install_location (then run this again). Try: sudo setpriv --reuid=$user --regid=$user --init-groups $incoming/$program_name --help"
  fi
fi

target=$(at $opt)/releases/$release
current=$(readlink "$(at $opt/current)" 2>/dev/null || true)
rm -rf "$target"
mv -T "$incoming" "$target"
trap - EXIT
if [[ -n $current && $current != releases/$release ]]; then
  switch_link "$(at $opt/previous)" "$current"
fi
switch_link "$(at $opt/current)" "releases/$release"
if [[ -n $current && $current != "releases/$release" ]]; then
  say "current release: $release (was: ${current#releases/})"
else
  say "current release: $release"
fi

previous=$(readlink "$(at $opt/previous)" 2>/dev/null || true)
kept=0
while IFS= read -r old; do
  name=releases/$(basename "$old")
  [[ $name == "releases/$release" || $name == "$previous" ]] && continue
  if (( kept < keep )); then kept=$((kept + 1)); continue; fi
  rm -rf "$old"
  say "removed the old release ${name#releases/}"
done < <(find "$(at $opt)/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)

# --- units and commands -------------------------------------------------------------------------------------------
for unit in "${units[@]}"; do install -m 0644 "$here/$unit" "$(at /etc/systemd/system/"$unit")"; done
install -m 0755 "$here/command/pontive-ingest" "$(at "$command_path")"
install -m 0755 "$here/backup.sh" "$(at "$backup_path")"

if (( on_target )); then
  command -v sqlite3 >/dev/null 2>&1 || hint "sqlite3 is missing; the daily backup needs it: sudo apt-get install sqlite3"
  if ! systemctl is-active --quiet influxdb 2>/dev/null; then
    hint "influxdb is not running on this machine: fine if InfluxDb:Url points elsewhere; else sudo apt-get install influxdb (docs/deploy.md)."
  fi
  [[ -d $state/ca ]] || hint "no city CA yet: sudo pontive-ingest ca init --host <the broker's name> (docs/security.md)."
fi

# --- systemd ------------------------------------------------------------------------------------------------------
if (( ! use_systemctl )); then
  say "files in place under ${root:-/}; systemctl not called."
  exit 0
fi
systemctl daemon-reload
systemctl enable "$service"
systemctl enable --now pontive-ingest-backup.timer
# A first install waits for its settings to be edited, unless they were given (--settings).
if (( start )) && { (( ! first_install )) || [[ -n $settings ]]; }; then
  systemctl restart "$service"
  say "started. Check: systemctl status $service; journalctl -u $service -f; curl -s http://127.0.0.1:8080/health"
else
  say "enabled, not started. Edit $etc/ingest.env and $etc/secrets.env, then: sudo systemctl start $service"
fi
