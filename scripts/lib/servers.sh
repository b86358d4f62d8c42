# shellcheck shell=bash
# Private InfluxDB, Mosquitto and nginx instances for tests and local runs: sourced, not run.
#
#   source scripts/lib/servers.sh
#   pontive_install_missing_servers
#   pontive_start_influxdb "$dir/influxdb"                                  # sets PONTIVE_INFLUXDB_PORT
#   pontive_start_mosquitto "$dir/mosquitto"                                # sets PONTIVE_MOSQUITTO_PORT
#   pontive_start_nginx_influx_v2 "$dir/nginx" "$PONTIVE_INFLUXDB_PORT"     # sets PONTIVE_NGINX_PORT
#   ...
#   pontive_stop_servers
#
# Each server runs in the foreground of a background job, in its own folder (config, data, log,
# server.pid), bound to 127.0.0.1 on a free port unless a port is given. The configs come from the
# templates in scripts/servers/, the same ones the C# fixtures render (tests/Integration.Tests/Servers/).
# Every function returns non-zero with a message on stderr instead of exiting, so a caller decides;
# none relies on `set -e`. Needs bash 4.3+ and coreutils only: no curl, no python, no procps.
#
# Settings (environment): PONTIVE_SERVER_START_TIMEOUT (seconds, default 30),
# PONTIVE_SERVER_STOP_GRACE (seconds between TERM and KILL, default 10).

PONTIVE_SERVER_TEMPLATES="$(cd "$(dirname "${BASH_SOURCE[0]}")/../servers" && pwd)"

# Started servers, in start order, so pontive_stop_servers stops them in reverse.
PONTIVE_SERVER_NAMES=()
PONTIVE_SERVER_PIDS=()
# Ports this shell handed out but a server may not have bound yet: never hand one out twice.
PONTIVE_PORTS_HANDED_OUT=()

pontive__say() { printf 'servers: %s\n' "$*" >&2; }

# The executable's full path. Looks in the sbin folders too: Debian installs mosquitto and nginx
# in /usr/sbin, which is not on a non-root user's PATH.
pontive__find_executable() {
  local name=$1 dir
  if command -v "$name" 2>/dev/null; then return 0; fi
  for dir in /usr/sbin /usr/local/sbin /sbin; do
    if [[ -x $dir/$name ]]; then printf '%s\n' "$dir/$name"; return 0; fi
  done
  return 1
}

# pontive_install_missing_servers [EXECUTABLE=PACKAGE...]: installs the Debian packages of whichever
# servers are missing: influxdb (influxd), mosquitto, nginx-light (nginx), and of any extra tool
# named, e.g. influx=influxdb-client mosquitto_sub=mosquitto-clients, or file by its full path,
# e.g. /usr/include/mosquitto_broker.h=mosquitto-dev. Runs `apt-get update` once,
# only when something is missing. Debian's packages may start their own services (on images
# without a policy-rc.d that forbids it); nothing here uses those: every instance is our own.
pontive_install_missing_servers() {
  local packages=() sudo=() pair
  for pair in influxd=influxdb mosquitto=mosquitto nginx=nginx-light "$@"; do
    if [[ ${pair%%=*} == /* ]]; then
      [[ -e ${pair%%=*} ]] || packages+=("${pair#*=}")
    else
      pontive__find_executable "${pair%%=*}" >/dev/null || packages+=("${pair#*=}")
    fi
  done
  if ((${#packages[@]} == 0)); then return 0; fi
  if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
      pontive__say "missing ${packages[*]}, and not root with no sudo: install them with apt-get as root"
      return 1
    fi
    sudo=(sudo)
  fi
  pontive__say "installing ${packages[*]} (apt-get)"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2; then
    pontive__say "apt-get update failed"
    return 1
  fi
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${packages[@]}" >&2; then
    pontive__say "apt-get install ${packages[*]} failed"
    return 1
  fi
}

# True when some TCP socket (listening, connected or in TIME_WAIT, IPv4 or IPv6) uses the port.
pontive__port_in_use() {
  local hex file _sl local_address _rest
  printf -v hex ':%04X' "$1"
  for file in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $file ]] || continue
    while read -r _sl local_address _rest; do
      if [[ $local_address == *"$hex" ]]; then return 0; fi
    done <"$file"
  done
  return 1
}

# True when process PID holds the socket listening on port PORT. A probe alone could be answered
# by someone else's server on that port while ours fails to bind it.
pontive__owns_listener() {
  local hex file _sl local_address _remote state _queues _timer _retransmits _uid _timeout inode _rest fd
  printf -v hex ':%04X' "$1"
  for file in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $file ]] || continue
    while read -r _sl local_address _remote state _queues _timer _retransmits _uid _timeout inode _rest; do
      # State 0A is LISTEN.
      if [[ $local_address == *"$hex" && $state == 0A ]]; then
        for fd in "/proc/$2/fd/"*; do
          if [[ $(readlink "$fd" 2>/dev/null) == "socket:[$inode]" ]]; then return 0; fi
        done
      fi
    done <"$file"
  done
  return 1
}

# pontive_free_port VAR: stores a free loopback TCP port in VAR. Picks at random below the kernel's
# ephemeral range, so it does not meet ports the kernel hands to outgoing connections or to the C#
# fixtures' bind-to-port-0. Two scripts at once may still pick the same port in the instant before
# either binds it: the start functions then retry on a new port.
pontive_free_port() {
  # Locals carry a prefix: a nameref to a caller's "port" must not resolve to a local "port" here.
  local -n pontive__port_out=$1
  local pontive__low=32768 pontive__high pontive__first=10000 pontive__port pontive__attempt pontive__taken
  if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
    read -r pontive__low pontive__high </proc/sys/net/ipv4/ip_local_port_range
  fi
  ((pontive__low > pontive__first + 1000)) || { pontive__first=1024; pontive__low=65535; }
  for ((pontive__attempt = 0; pontive__attempt < 500; pontive__attempt++)); do
    pontive__port=$((pontive__first + (RANDOM * 32768 + RANDOM) % (pontive__low - pontive__first)))
    for pontive__taken in "${PONTIVE_PORTS_HANDED_OUT[@]}"; do
      if ((pontive__taken == pontive__port)); then continue 2; fi
    done
    if pontive__port_in_use "$pontive__port"; then continue; fi
    PONTIVE_PORTS_HANDED_OUT+=("$pontive__port")
    pontive__port_out=$pontive__port
    return 0
  done
  pontive__say "no free port found between $pontive__first and $pontive__low"
  return 1
}

# pontive_render_template TEMPLATE OUT KEY=VALUE...: replaces each @KEY@ and refuses to leave one
# unreplaced, so a template and its callers cannot drift apart silently.
pontive_render_template() {
  local template=$1 out=$2 pair text
  shift 2
  text=$(<"$template") || return 1
  for pair in "$@"; do
    # Quoted replacement: a value's & or \ stays literal (bash 5.2's patsub_replacement).
    text=${text//"@${pair%%=*}@"/"${pair#*=}"}
  done
  if [[ $text =~ @[A-Z_]+@ ]]; then
    pontive__say "$template: no value given for ${BASH_REMATCH[0]}"
    return 1
  fi
  printf '%s\n' "$text" >"$out"
}

# True when something accepts a TCP connection on 127.0.0.1:PORT.
pontive_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the HTTP status code of GET PATH on 127.0.0.1:PORT, or nothing when there is no answer.
pontive_http_status() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    IFS=' ' read -r -t 5 _version status _reason <&3 || exit 1
    printf '%s\n' "$status"
  ) 2>/dev/null
}

pontive__influxdb_answers() { [[ $(pontive_http_status "$1" /ping) == 204 ]]; }

pontive__process_alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  # A child that exited but was not reaped yet still takes signals: check it is no zombie.
  state=$(<"/proc/$1/stat") 2>/dev/null || return 1
  state=${state##*) }
  [[ ${state%% *} != Z ]]
}

pontive__log_tail() {
  pontive__say "last lines of $1:"
  tail -n 40 "$1" >&2 2>/dev/null || true
}

# pontive__launch NAME LOG PROBE PORT EXECUTABLE ARGS...: starts the server in the background, waits
# until `PROBE PORT` succeeds, records the pid. Returns 1 when it exits or does not answer in time
# (after killing it), 2 when the reason was a port someone else took first.
pontive__launch() {
  local name=$1 log=$2 probe=$3 port=$4 pid deadline log_start
  shift 4
  printf '==== %s started by scripts/lib/servers.sh\n' "$name" >>"$log"
  # Where this start's lines begin: a restart appends to the same log.
  log_start=$(($(wc -c <"$log") + 1))
  (
    # influxd lets INFLUXDB_* variables override its config file: ours must win.
    for variable in ${!INFLUXDB_@}; do unset "$variable" 2>/dev/null || true; done
    exec "$@"
  ) </dev/null >>"$log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + ${PONTIVE_SERVER_START_TIMEOUT:-30}))
  until pontive__owns_listener "$port" "$pid" && "$probe" "$port"; do
    if ! pontive__process_alive "$pid"; then
      wait "$pid" 2>/dev/null || true
      if tail -c "+$log_start" "$log" | grep -qi 'address already in use'; then return 2; fi
      pontive__say "$name exited before it answered on 127.0.0.1:$port"
      pontive__log_tail "$log"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      pontive__say "$name did not answer on 127.0.0.1:$port within ${PONTIVE_SERVER_START_TIMEOUT:-30} s"
      pontive__log_tail "$log"
      pontive__stop_pid "$name" "$pid"
      return 1
    fi
    sleep 0.1
  done
  PONTIVE_SERVER_NAMES+=("$name")
  PONTIVE_SERVER_PIDS+=("$pid")
  # One server per folder: run scripts find its pid here.
  printf '%s\n' "$pid" >"$(dirname "$log")/server.pid"
  pontive__last_pid=$pid
}

# pontive_start_influxdb DIR [HTTP_PORT]: InfluxDB 1.x answering GET /ping with 204. Sets
# PONTIVE_INFLUXDB_PORT, PONTIVE_INFLUXDB_PID. Data stays in DIR across restarts with the same DIR.
# Continuous queries (Ingest's roll-ups) run only with PONTIVE_INFLUXDB_CONTINUOUS_QUERIES=true.
pontive_start_influxdb() {
  local dir=$1 fixed_port=${2:-} exe http_port rpc_port attempt result
  exe=$(pontive__find_executable influxd) || { pontive__say "influxd not found (Debian package influxdb)"; return 1; }
  mkdir -p "$dir" && dir=$(cd "$dir" && pwd) || return 1
  for attempt in 1 2 3; do
    if [[ -n $fixed_port ]]; then http_port=$fixed_port; else pontive_free_port http_port || return 1; fi
    pontive_free_port rpc_port || return 1
    pontive_render_template "$PONTIVE_SERVER_TEMPLATES/influxdb.conf.template" "$dir/influxdb.conf" \
      DIR="$dir" HTTP_PORT="$http_port" RPC_PORT="$rpc_port" \
      CONTINUOUS_QUERIES="${PONTIVE_INFLUXDB_CONTINUOUS_QUERIES:-false}" || return 1
    result=0
    pontive__launch influxd "$dir/influxd.log" pontive__influxdb_answers "$http_port" \
      "$exe" -config "$dir/influxdb.conf" || result=$?
    if ((result == 0)); then
      PONTIVE_INFLUXDB_PORT=$http_port PONTIVE_INFLUXDB_PID=$pontive__last_pid
      return 0
    fi
    if ((result != 2)) || [[ -n $fixed_port ]]; then break; fi
    pontive__say "influxd: a port was taken meanwhile, retrying on new ones"
  done
  if ((result == 2)); then
    pontive__say "influxd: its port is taken"
    pontive__log_tail "$dir/influxd.log"
  fi
  return 1
}

# pontive_start_mosquitto DIR [PORT]: Mosquitto with persistence in DIR, accepting TCP on the port.
# Sets PONTIVE_MOSQUITTO_PORT, PONTIVE_MOSQUITTO_PID.
pontive_start_mosquitto() {
  local dir=$1 fixed_port=${2:-} exe port attempt result user
  exe=$(pontive__find_executable mosquitto) || { pontive__say "mosquitto not found (Debian package mosquitto)"; return 1; }
  mkdir -p "$dir" && dir=$(cd "$dir" && pwd) || return 1
  user=$(id -un) || return 1
  for attempt in 1 2 3; do
    if [[ -n $fixed_port ]]; then port=$fixed_port; else pontive_free_port port || return 1; fi
    pontive_render_template "$PONTIVE_SERVER_TEMPLATES/mosquitto.conf.template" "$dir/mosquitto.conf" \
      DIR="$dir" PORT="$port" USER="$user" || return 1
    result=0
    pontive__launch mosquitto "$dir/mosquitto.log" pontive_port_open "$port" \
      "$exe" -c "$dir/mosquitto.conf" || result=$?
    if ((result == 0)); then
      PONTIVE_MOSQUITTO_PORT=$port PONTIVE_MOSQUITTO_PID=$pontive__last_pid
      return 0
    fi
    if ((result != 2)) || [[ -n $fixed_port ]]; then break; fi
    pontive__say "mosquitto: port $port was taken meanwhile, retrying on a new one"
  done
  if ((result == 2)); then
    pontive__say "mosquitto: its port is taken"
    pontive__log_tail "$dir/mosquitto.log"
  fi
  return 1
}

# pontive_start_nginx_influx_v2 DIR INFLUX_PORT [PORT]: nginx taking InfluxDB 2.x writes
# (/api/v2/write) for the InfluxDB 1.x on INFLUX_PORT. Sets PONTIVE_NGINX_PORT, PONTIVE_NGINX_PID.
pontive_start_nginx_influx_v2() {
  local dir=$1 influx_port=$2 fixed_port=${3:-} exe port attempt result
  exe=$(pontive__find_executable nginx) || { pontive__say "nginx not found (Debian package nginx-light)"; return 1; }
  mkdir -p "$dir" && dir=$(cd "$dir" && pwd) || return 1
  for attempt in 1 2 3; do
    if [[ -n $fixed_port ]]; then port=$fixed_port; else pontive_free_port port || return 1; fi
    pontive_render_template "$PONTIVE_SERVER_TEMPLATES/nginx.conf.template" "$dir/nginx.conf" \
      DIR="$dir" PORT="$port" INFLUX_PORT="$influx_port" || return 1
    result=0
    pontive__launch nginx "$dir/nginx.log" pontive_port_open "$port" \
      "$exe" -p "$dir/" -c "$dir/nginx.conf" -e stderr || result=$?
    if ((result == 0)); then
      PONTIVE_NGINX_PORT=$port PONTIVE_NGINX_PID=$pontive__last_pid
      return 0
    fi
    if ((result != 2)) || [[ -n $fixed_port ]]; then break; fi
    pontive__say "nginx: port $port was taken meanwhile, retrying on a new one"
  done
  if ((result == 2)); then
    pontive__say "nginx: its port is taken"
    pontive__log_tail "$dir/nginx.log"
  fi
  return 1
}

# TERM, up to PONTIVE_SERVER_STOP_GRACE seconds to exit, then KILL.
pontive__stop_pid() {
  local name=$1 pid=$2 deadline
  pontive__process_alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + ${PONTIVE_SERVER_STOP_GRACE:-10}))
  while pontive__process_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      pontive__say "$name (pid $pid) ignored TERM for ${PONTIVE_SERVER_STOP_GRACE:-10} s: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
  done
  wait "$pid" 2>/dev/null || true
  return 0
}

# Stops every server this shell started, the last started first (nginx before the InfluxDB behind it).
pontive_stop_servers() {
  local i
  for ((i = ${#PONTIVE_SERVER_PIDS[@]} - 1; i >= 0; i--)); do
    pontive__stop_pid "${PONTIVE_SERVER_NAMES[i]}" "${PONTIVE_SERVER_PIDS[i]}"
  done
  PONTIVE_SERVER_NAMES=()
  PONTIVE_SERVER_PIDS=()
}
