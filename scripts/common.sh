# Shared by run.sh and test.sh: tool checks, Azurite, waiting for ports and readiness.
# Every process started here binds 127.0.0.1 and is stopped by its PID on exit.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STARTED_PIDS=()

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is required but not installed ($2)" >&2; exit 2; }
}

install_tools() {
  need dotnet "install the .NET SDK 10.0.401"
  need node "install Node.js 20 or newer"
  need npm "install npm"
  if [ ! -x "$ROOT/node_modules/.bin/azurite" ]; then
    echo "==> installing Azurite from npm (pinned in package.json)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || exit 2
  fi
}

stop_started() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null
    fi
  done
  for pid in "${STARTED_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  STARTED_PIDS=()
}

port_in_use() {
  (echo > "/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}

wait_for_port() { # port seconds name
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    port_in_use "$1" && return 0
    sleep 0.1
  done
  echo "error: $3 did not start listening on 127.0.0.1:$1 within $2 s" >&2
  return 1
}

wait_for_url() { # url seconds name pid
  local i
  for i in $(seq 1 $(( $2 * 5 ))); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then
      echo "error: $3 exited while starting (see its log)" >&2; return 1
    fi
    sleep 0.2
  done
  echo "error: $3 was not ready at $1 within $2 s" >&2
  return 1
}

# ports_free <what> <port>... : fails, saying which port is taken, when one of them is in use.
ports_free() {
  local what="$1" p; shift
  for p in "$@"; do
    if port_in_use "$p"; then
      echo "error: port $p is already in use; $what needs $* (stop what uses it)" >&2
      return 1
    fi
  done
}

# The storage accounts every Azurite started here serves (AZURITE_ACCOUNTS, base64 keys): the development account
# devstoreaccount1 (Azure's published emulator key; Azurite drops it once AZURITE_ACCOUNTS is set, so it is listed) and
# two more for sharded grain storage (WalletGateway:Storage:Shards, docs/operations.md). These keys are published
# here: development only, never for an account that holds anything real.
DEV_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
DEV_SHARD_ACCOUNTS=("wgshard1:d2FsbGV0Z2F0ZXdheS1kZXYtc2hhcmQxLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24="
  "wgshard2:d2FsbGV0Z2F0ZXdheS1kZXYtc2hhcmQyLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24=")
AZURITE_DEV_ACCOUNTS="devstoreaccount1:$DEV_ACCOUNT_KEY;$(IFS=';'; echo "${DEV_SHARD_ACCOUNTS[*]}")"

# azurite_args <data-folder> <blob-port> <queue-port> <table-port>: sets AZURITE to Azurite's command line on loopback,
# serving the accounts of AZURITE_DEV_ACCOUNTS.
# WALLETGATEWAY_AZURITE_IN_MEMORY=1 keeps Azurite's data in memory only (lost when it stops): Azurite otherwise
# saves its whole table database to disk every 5 s, a cost that grows with the data (see BENCHMARKS.md).
azurite_args() {
  AZURITE=(env "AZURITE_ACCOUNTS=$AZURITE_DEV_ACCOUNTS" "$ROOT/node_modules/.bin/azurite" --silent --skipApiVersionCheck
    --blobHost 127.0.0.1 --blobPort "$2" --queueHost 127.0.0.1 --queuePort "$3"
    --tableHost 127.0.0.1 --tablePort "$4")
  if [ "${WALLETGATEWAY_AZURITE_IN_MEMORY:-0}" = 1 ]; then AZURITE+=(--inMemoryPersistence); else AZURITE+=(--location "$1"); fi
}

# start_azurite <data-folder> <blob-port> <queue-port> <table-port> <log-file>
start_azurite() {
  local data="$1" blob="$2" queue="$3" table="$4" log="$5"
  ports_free Azurite "$blob" "$queue" "$table" || return 1
  mkdir -p "$data" "$(dirname "$log")"
  azurite_args "$data" "$blob" "$queue" "$table"
  "${AZURITE[@]}" > "$log" 2>&1 &
  STARTED_PIDS+=("$!")
  wait_for_port "$table" 60 "Azurite" || { cat "$log" >&2; return 1; }
}

azurite_connection_string() { # blob queue table [account:key]
  local account="${4:-devstoreaccount1:$DEV_ACCOUNT_KEY}"
  local name="${account%%:*}" key="${account#*:}"
  echo "DefaultEndpointsProtocol=http;AccountName=$name;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$1/$name;QueueEndpoint=http://127.0.0.1:$2/$name;TableEndpoint=http://127.0.0.1:$3/$name;"
}
