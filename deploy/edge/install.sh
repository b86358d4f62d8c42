#!/usr/bin/env bash
# Installs, updates or rolls back the Pontive.Iot edge agent on a Raspberry Pi (64-bit Raspberry Pi OS / Debian 12).
# Run as root on the Pi, from the unpacked release (deploy/publish.sh makes it) or from deploy/edge/ with --from.
# Safe to run again: it puts the same files and settings in place and changes nothing else.
#
#   sudo ./install.sh [--profile FILE] [--enrolment FILE]       install, or update to this release
#   sudo ./install.sh --rollback                                 back to the release before the current one
#   sudo ./install.sh --uninstall                                remove the program and the unit (data and settings stay)
#
# Options:
#   --profile FILE     the device profile for this Pi (a copy of hardware/profiles/<kit>.json with its Site and Device);
#                      becomes /etc/pontive-agent/profile.json (root:pontive 0640), the one the service reads
#   --enrolment FILE   the enrolment bundle from `pontive-ingest devices add` (it holds the device's password);
#                      becomes /etc/pontive-agent/enrolment.json (pontive:pontive 0600)
#   --from DIR         the published program (default: program/ beside this script)
#   --release NAME     the release's name (default: the VERSION file beside this script, else the time)
#   --keep N           releases kept in /opt/pontive-agent/releases besides the current and previous one (default 2)
#   --no-start         install and enable, but do not start or restart the service
#   --no-systemctl     do not call systemctl at all (also implied without a running systemd, or with --root)
#   --root DIR         install into DIR instead of / (tests, image building): no users, owners or systemctl
#
# Layout (deploy/edge/pontive-agent.service expects exactly this):
#   /opt/pontive-agent/releases/NAME/     the program, root-owned; current -> the running one, previous -> the one before
#   /usr/local/bin/pontive-agent          the technician's command (runs as user pontive, like the service)
#   /etc/pontive-agent/                   profile.json, enrolment.json (root:pontive 0750)
#   /var/lib/pontive-agent/               the agent's data: outbox, scale calibration, kiosk keys (pontive 0750)
#   /etc/systemd/system/pontive-agent.service, /etc/systemd/journald.conf.d/pontive-agent.conf
set -euo pipefail

readonly service=pontive-agent
readonly user=pontive
readonly groups=(gpio i2c dialout)
readonly program_name=pontive-agent

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=/
from=
profile=
enrolment=
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
    --profile) profile=${2:?--profile needs a file}; shift 2 ;;
    --enrolment) enrolment=${2:?--enrolment needs a file}; shift 2 ;;
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
  hint "systemd is not running here: the unit is installed but not enabled or started."
  use_systemctl=0
fi

# Paths on the target (the unit and the command name these) and where they are written (under --root).
opt=/opt/pontive-agent
etc=/etc/pontive-agent
state=/var/lib/pontive-agent
unit=/etc/systemd/system/$service.service
journald=/etc/systemd/journald.conf.d/pontive-agent.conf
command_path=/usr/local/bin/pontive-agent
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
  systemctl_do disable --now "$service" || true
  rm -f "$(at "$unit")" "$(at "$command_path")" "$(at "$journald")"
  rm -rf "$(at $opt)"
  systemctl_do daemon-reload
  say "removed the program, the unit and the command. Kept: $etc (profile, enrolment bundle) and $state (outbox," \
    "calibration): remove them by hand if this Pi is retired, after the outbox has been sent."
  exit 0
fi

# --- the release to install --------------------------------------------------------------------------------------
from=${from:-$here/program}
[[ -x $from/$program_name && -f $from/$program_name.dll ]] ||
  die "no published agent in $from (want $program_name and $program_name.dll): use the release archive from deploy/publish.sh, or --from"
if [[ -z $release ]]; then
  if [[ -f $here/VERSION ]]; then release=$(<"$here/VERSION"); else release=manual-$(date -u +%Y%m%dT%H%M%SZ); fi
fi
[[ $release =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "release name '$release': letters, digits, '.', '_', '+', '-' only"
[[ -z $profile || -f $profile ]] || die "--profile $profile does not exist"
[[ -z $enrolment || -f $enrolment ]] || die "--enrolment $enrolment does not exist"

if (( on_target )); then
  arch=$(uname -m)
  [[ $arch == aarch64 ]] || hint "this machine is $arch; the release is built for linux-arm64 (64-bit Raspberry Pi OS)."
  if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-runtimes 2>/dev/null | grep -q '^Microsoft.AspNetCore.App 10\.'; then
    die "the ASP.NET Core 10 runtime is missing: install it first (docs/deploy.md, 'Install the .NET runtime'), then run this again"
  fi
fi

# --- user, groups, folders ----------------------------------------------------------------------------------------
if (( on_target )); then
  for group in "${groups[@]}"; do
    if ! getent group "$group" >/dev/null; then
      groupadd --system "$group"
      hint "created the missing group '$group' (Raspberry Pi OS has it, with udev rules giving it the device)."
    fi
  done
  if ! getent passwd "$user" >/dev/null; then
    useradd --system --user-group --home-dir "$state" --no-create-home --shell /usr/sbin/nologin \
      --comment "Pontive.Iot edge agent" "$user"
    say "created the system user $user"
  fi
  usermod --append --groups "$(IFS=,; echo "${groups[*]}")" "$user"
fi

mkdir -p "$(at $etc)" "$(at $state)" "$(at $opt)/releases" "$(at /etc/systemd/system)" \
  "$(at /etc/systemd/journald.conf.d)" "$(at /usr/local/bin)"
owned root:$user 0750 "$(at $etc)"
owned $user:$user 0750 "$(at $state)"
owned root:root 0755 "$(at $opt)"
owned root:root 0755 "$(at $opt)/releases"

# --- the program --------------------------------------------------------------------------------------------------
incoming=$(mktemp -d "$(at $opt)/releases/.incoming-XXXXXX")
trap 'rm -rf "$incoming"' EXIT
cp -R "$from/." "$incoming/"
chmod -R u=rwX,go=rX "$incoming"
chmod 0755 "$incoming/$program_name"
if (( on_target )); then chown -R root:root "$incoming"; fi

if (( on_target )); then
  # The service's own view: its user, its groups, its runtime. Fails here rather than in a restart loop.
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

# Old releases: keep the current, the previous and the newest --keep others.
previous=$(readlink "$(at $opt/previous)" 2>/dev/null || true)
kept=0
while IFS= read -r old; do
  name=releases/$(basename "$old")
  [[ $name == "releases/$release" || $name == "$previous" ]] && continue
  if (( kept < keep )); then kept=$((kept + 1)); continue; fi
  rm -rf "$old"
  say "removed the old release ${name#releases/}"
done < <(find "$(at $opt)/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)

# --- unit, command, journald, settings ----------------------------------------------------------------------------
install -m 0644 "$here/pontive-agent.service" "$(at "$unit")"
install -m 0755 "$here/command/pontive-agent" "$(at "$command_path")"
journald_changed=0
if ! cmp -s "$here/journald-pontive-agent.conf" "$(at "$journald")"; then
  install -m 0644 "$here/journald-pontive-agent.conf" "$(at "$journald")"
  journald_changed=1
fi

same_file() { [[ -e $2 && $(readlink -f "$1") == "$(readlink -f "$2")" ]]; }
if [[ -n $profile ]] && same_file "$profile" "$(at $etc/profile.json)"; then profile=; fi
if [[ -n $enrolment ]] && same_file "$enrolment" "$(at $etc/enrolment.json)"; then enrolment=; fi
if [[ -n $profile ]]; then
  if [[ -f $(at $etc/profile.json) ]] && ! cmp -s "$profile" "$(at $etc/profile.json)"; then
    cp -p "$(at $etc/profile.json)" "$(at $etc/profile.json.previous)"
    say "the profile it replaces is kept as $etc/profile.json.previous"
  fi
  install -m 0640 "$profile" "$(at $etc/profile.json)"
  owned root:$user 0640 "$(at $etc/profile.json)"
fi
if [[ -n $enrolment ]]; then
  install -m 0600 "$enrolment" "$(at $etc/enrolment.json)"
  owned $user:$user 0600 "$(at $etc/enrolment.json)"
  say "enrolment bundle in place; it holds the device's password: delete your copy ($enrolment) now"
fi

# --- what the Pi still needs (hints only: nothing here changes the boot configuration) -----------------------------
if (( on_target )); then
  [[ -e /dev/i2c-1 ]] || hint "no /dev/i2c-1: turn I2C on (sudo raspi-config -> Interface Options -> I2C -> Yes), then reboot."
  [[ -e /dev/gpiomem || -e /dev/gpiochip0 ]] || hint "no /dev/gpiomem or /dev/gpiochip0: this does not look like a Raspberry Pi."
  # The PMS5003 driver reads /dev/serial0 unless the profile names another port.
  if [[ -f $etc/profile.json ]] && grep -qE '/dev/serial0|"pms5003"' "$etc/profile.json"; then
    [[ -e /dev/serial0 ]] || hint "the profile uses /dev/serial0, which is missing: turn the serial port on (hardware/park-kit/wiring.md, 'Turn on the serial port')."
    if grep -qs 'console=serial0' /boot/firmware/cmdline.txt /boot/cmdline.txt; then
      hint "a login console is on the serial port: turn it off (raspi-config -> Interface Options -> Serial Port -> login shell: No)."
    fi
  fi
  if ! systemctl is-enabled --quiet systemd-timesyncd 2>/dev/null; then
    hint "systemd-timesyncd is not enabled: the agent trusts the clock when it has synchronised (Clock:TrustSource=SystemdTimesync); enable it (sudo systemctl enable --now systemd-timesyncd) or readings stay marked 'unsynced'."
  fi
fi
[[ -f $(at $etc/profile.json) ]] || hint "no $etc/profile.json yet: install.sh --profile FILE (the service needs it to start)."
[[ -f $(at $etc/enrolment.json) ]] || hint "no $etc/enrolment.json yet: install.sh --enrolment FILE (the bundle from the city; the service needs it to start)."

# --- systemd ------------------------------------------------------------------------------------------------------
if (( ! use_systemctl )); then
  say "files in place under ${root:-/}; systemctl not called."
  exit 0
fi
systemctl daemon-reload
if (( journald_changed )); then systemctl restart systemd-journald; fi
systemctl enable "$service"
if (( start )) && [[ -f $etc/profile.json && -f $etc/enrolment.json ]]; then
  systemctl restart "$service"
  say "started. Check: systemctl status $service; journalctl -u $service -f"
else
  say "enabled, not started. Start it with: sudo systemctl start $service"
fi
