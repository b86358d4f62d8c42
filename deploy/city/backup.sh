#!/usr/bin/env bash
# pontive-ingest-backup: a consistent copy of Ingest's own state while it runs, as one archive a day.
# Installed as /usr/local/sbin/pontive-ingest-backup by deploy/city/install.sh and run daily by
# pontive-ingest-backup.timer as user pontive-ingest. By hand: sudo systemctl start pontive-ingest-backup
#
#   pontive-ingest-backup [--data DIR] [--dest DIR] [--settings FILE] [--keep N]
#
# The archive (pontive-ingest-YYYYmmddTHHMMSSZ.tar.gz, 0600) holds:
#   registry.db      device accounts (hashed passwords), price tables: losing it means enrolling every device again
#   dead-letters.db  refused messages with their reasons
#   ca/              the city CA and its private key, the broker's certificate: every device trusts this CA
#   http-keys/       the keys that sign dashboard sessions
#   ingest.env       the settings (/etc/pontive-ingest); secrets.env is left out on purpose: keep it in the
#                    city's password safe
# SQLite files are copied with SQLite's online backup (never cp: a copy taken mid-write can be unusable), then
# checked. InfluxDB is backed up with its own tools (docs/deploy.md). Copy the archives off this machine.
set -euo pipefail

data=/var/lib/pontive-ingest
dest=/var/backups/pontive-ingest
settings=/etc/pontive-ingest/ingest.env
keep=14

while (($#)); do
  case $1 in
    --data) data=${2:?}; shift 2 ;;
    --dest) dest=${2:?}; shift 2 ;;
    --settings) settings=${2:?}; shift 2 ;;
    --keep) keep=${2:?}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "pontive-ingest-backup: unknown option '$1'" >&2; exit 2 ;;
  esac
done
[[ $keep =~ ^[1-9][0-9]*$ ]] || { echo "pontive-ingest-backup: --keep takes a number from 1" >&2; exit 2; }
command -v sqlite3 >/dev/null 2>&1 || { echo "pontive-ingest-backup: sqlite3 is missing: sudo apt-get install sqlite3" >&2; exit 1; }
[[ -d $data ]] || { echo "pontive-ingest-backup: no data folder $data" >&2; exit 1; }

umask 077
mkdir -p "$dest"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d "$dest/.incoming-$stamp-XXXXXX")
trap 'rm -rf "$work"' EXIT

for db in registry.db dead-letters.db; do
  [[ -f $data/$db ]] || continue
  sqlite3 "$data/$db" ".timeout 30000" ".backup '$work/$db'"
  check=$(sqlite3 "$work/$db" "PRAGMA quick_check;")
  [[ $check == ok ]] || { echo "pontive-ingest-backup: the copy of $db fails its check: $check" >&2; exit 1; }
done
for folder in ca http-keys; do
  if [[ -d $data/$folder ]]; then cp -R "$data/$folder" "$work/$folder"; fi
done
if [[ -r $settings ]]; then cp "$settings" "$work/ingest.env"; fi

archive=$dest/pontive-ingest-$stamp.tar.gz
tar -C "$work" -czf "$archive.partial" .
mv "$archive.partial" "$archive"
echo "pontive-ingest-backup: $archive ($(du -h "$archive" | cut -f1))"

# Keep the newest --keep archives.
find "$dest" -maxdepth 1 -type f -name 'pontive-ingest-*.tar.gz' -printf '%f\n' | sort -r | tail -n +$((keep + 1)) |
  while IFS= read -r old; do rm -f "$dest/$old"; done
