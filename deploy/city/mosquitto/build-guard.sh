#!/usr/bin/env bash
# Builds pontive-guard.so, the Mosquitto plugin that reports refused device publishes to Ingest (pontive-guard.c).
#
#   build-guard.sh OUTPUT.so        e.g. sudo ./build-guard.sh /usr/local/lib/pontive/pontive-guard.so
#
# Needs a C compiler and Mosquitto's plugin headers, from Debian's packages: gcc, libc6-dev, mosquitto-dev and
# libmosquitto-dev (the same version as the mosquitto package). Build it on the machine Mosquitto runs on.
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 OUTPUT.so" >&2
  exit 2
fi
output=$1
source=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/pontive-guard.c

missing=()
command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
[[ -f /usr/include/mosquitto_broker.h ]] || missing+=(mosquitto-dev)
[[ -f /usr/include/mosquitto.h ]] || missing+=(libmosquitto-dev)
if ((${#missing[@]} > 0)); then
  echo "build-guard.sh: missing ${missing[*]}: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

mkdir -p "$(dirname "$output")"
# Built beside the output and renamed over it, so a running Mosquitto never loads half a file on its next start.
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -o "$output.tmp.$$" "$source"
chmod 0644 "$output.tmp.$$"
mv -f "$output.tmp.$$" "$output"
echo "build-guard.sh: $output"
