#!/usr/bin/env bash
# The project's one run command: the whole system on this machine.
#
#   scripts/run.sh
#
# Starts InfluxDB (installed from Debian's packages when missing), Ingest with its embedded MQTT broker, and two
# edge agents on emulated hardware: a waste bank (hardware/profiles/waste-bank-kit.json) and a park
# (hardware/profiles/park-kit.json). Data flows at once; the script prints where it is and a query to see it.
# Ctrl-C stops everything. Data, logs and builds stay in .run/ (ignored by git) for the next run; delete the
# folder to start afresh. Everything listens on 127.0.0.1 only.
#
# Ports: MQTT 1883, HTTP 8080 and InfluxDB 8086 when free, otherwise free ones (printed).

set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/servers.sh
source "$root/scripts/lib/servers.sh"

say() { printf 'run.sh: %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  say "'dotnet' is not on PATH. Install the .NET 10 SDK (https://dotnet.microsoft.com/download) and run again." >&2
  exit 127
fi

# The influx CLI (Debian's influxdb-client) is for the query printed at the end.
pontive_install_missing_servers influx=influxdb-client

state="$root/.run"
logs="$state/logs"
mkdir -p "$logs"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say "building Ingest and the edge agent (Release)…"
dotnet build "$root/src/Ingest/Pontive.Iot.Ingest.csproj" -c Release -o "$state/bin/ingest" -v quiet -nologo >"$logs/build-ingest.log" 2>&1 \
  || { cat "$logs/build-ingest.log" >&2; exit 1; }
dotnet build "$root/src/EdgeAgent/Pontive.Iot.EdgeAgent.csproj" -c Release -o "$state/bin/agent" -v quiet -nologo >"$logs/build-agent.log" 2>&1 \
  || { cat "$logs/build-agent.log" >&2; exit 1; }

# The preferred port when nobody uses it, else a free one.
port_or_free() {
  local -n result=$1
  if pontive_port_open "$2"; then pontive_free_port result; else result=$2; fi
}

children=()
stop_all() {
  local status=$?
  trap - EXIT INT TERM HUP
  say "stopping…"
  # Agents first (they say "offline" while the broker is still up), then Ingest, then InfluxDB.
  local pid
  for ((i = ${#children[@]} - 1; i >= 0; i--)); do
    pid=${children[i]}
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  pontive_stop_servers
  say "stopped; data stays in $state"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

port_or_free influx_port 8086
# As in production, InfluxDB runs Ingest's roll-ups (continuous queries) for the dashboard's long views.
PONTIVE_INFLUXDB_CONTINUOUS_QUERIES=true pontive_start_influxdb "$state/influxdb" "$influx_port"
influx_url="http://127.0.0.1:$PONTIVE_INFLUXDB_PORT"

port_or_free mqtt_port 1883
port_or_free http_port 8080
dotnet "$state/bin/ingest/pontive-ingest.dll" \
  --Broker:Mode=Embedded --Broker:BindAddress=127.0.0.1 --Broker:Port="$mqtt_port" \
  --InfluxDb:Api=V1 --InfluxDb:Url="$influx_url" --InfluxDb:Database=pontive \
  --Ingest:DataDirectory="$state/ingest" --Urls="http://127.0.0.1:$http_port" \
  >"$logs/ingest.log" 2>&1 &
children+=($!)
for _ in $(seq 1 300); do
  [[ $(pontive_http_status "$http_port" /health) == 200 ]] && break
  kill -0 "${children[-1]}" 2>/dev/null || { tail -n 30 "$logs/ingest.log" >&2; say "Ingest did not start" >&2; exit 1; }
  sleep 0.1
done

start_agent() {
  local name=$1 profile=$2
  shift 2
  dotnet "$state/bin/agent/pontive-agent.dll" --profile "$root/hardware/profiles/$profile" "$@" \
    --Hardware:Mode=Emulated --Clock:TrustSource=Always --Mqtt:Host=127.0.0.1 --Mqtt:Port="$mqtt_port" \
    --Agent:DataDirectory="$state/agents/$name" \
    >"$logs/agent-$name.log" 2>&1 &
  children+=($!)
}
# The waste bank's kiosk: operator "siti" with PIN 1234, on loopback (the profile opens it to the bank's LAN).
port_or_free kiosk_port 8081
bank_settings=(--Agent:DataDirectory="$state/agents/waste-bank")
dotnet "$state/bin/agent/pontive-agent.dll" operators add --name siti --pin 1234 \
  --profile "$root/hardware/profiles/waste-bank-kit.json" "${bank_settings[@]}" >>"$logs/agent-waste-bank.log" 2>&1
start_agent waste-bank waste-bank-kit.json --Urls="http://127.0.0.1:$kiosk_port"
start_agent park park-kit.json

say "waiting for the first readings to reach InfluxDB…"
arrived=
for _ in $(seq 1 600); do
  if influx -host 127.0.0.1 -port "$PONTIVE_INFLUXDB_PORT" -database pontive -format csv \
    -execute 'SELECT count(*) FROM environment' 2>/dev/null | grep -q '^environment'; then
    arrived=yes
    break
  fi
  sleep 0.1
done
[[ -n $arrived ]] || say "no reading arrived yet; see $logs/*.log"

# The city gives the waste bank its price table (Ingest stores it and sends it, retained, to the bank's device).
dotnet "$state/bin/ingest/pontive-ingest.dll" prices publish --site bank-sungai-jawi \
  --file "$root/deploy/price-table.example.json" --url "http://127.0.0.1:$http_port" >>"$logs/ingest.log" 2>&1 \
  || say "the price table could not be published; see $logs/ingest.log"

# This month, for the report example (docs/reports.md: from is included, to is not).
month_start=$(date +%Y-%m-01)
next_month_start=$(date -d "$month_start +1 month" +%Y-%m-%d)

cat <<INFO

  Pontive.Iot is running on this machine.

  InfluxDB        $influx_url   database "pontive"
  Dashboard       http://127.0.0.1:$http_port/dashboard   (waste per bank and category, park sensors, device health)
  Reports         http://127.0.0.1:$http_port/reports/waste?from=$month_start&to=$next_month_start   (JSON; &format=csv)
  Ingest          http://127.0.0.1:$http_port/health   (and /dead-letters)
  MQTT broker     127.0.0.1:$mqtt_port   (watch: mosquitto_sub -p $mqtt_port -t 'pontive/v1/#' -v)
  Edge agents     waste bank "bank-sungai-jawi", park "park-alun-kapuas" (emulated hardware)
  Kiosk           http://127.0.0.1:$kiosk_port/   operator "siti", PIN 1234 (the emulated scale gets a bag every 90 s)
  Logs            $logs/

  See the data:
    influx -host 127.0.0.1 -port $PONTIVE_INFLUXDB_PORT -database pontive -execute 'SELECT * FROM environment ORDER BY time DESC LIMIT 10'
    influx -host 127.0.0.1 -port $PONTIVE_INFLUXDB_PORT -database pontive -execute 'SHOW MEASUREMENTS'

  Ctrl-C stops everything.

INFO

# Runs until Ctrl-C, or until one of the services stops by itself.
wait -n "${children[@]}" || true
say "a service stopped unexpectedly; see $logs/"
exit 1
