#!/usr/bin/env bash
# A WalletGateway cluster on one machine: N silos and M frontends as separate processes on loopback,
# membership and grain state in Azure Table storage (a local Azurite unless WALLETGATEWAY_STORAGE is set).
#
#   scripts/cluster.sh start --silos 2 --frontends 1 [--fresh]
#   scripts/cluster.sh add-silo             starts the next silo; it joins through the membership table
#   scripts/cluster.sh drain-silo [I]       SIGTERM to silo I (default: the newest): Orleans migrates its sessions, then it exits
#   scripts/cluster.sh restart-silo I       drain silo I, then start it again on the same ports (its earlier log kept as
#                                           silo-I.log.1, .2, ...); returns once its /readyz answers 200
#   scripts/cluster.sh kill-silo [I]        kill -9 silo I (fault check: no drain at all)
#   scripts/cluster.sh stop-storage / start-storage   stop / restart the cluster's Azurite (fault check)
#   scripts/cluster.sh status               processes, ports, /readyz of each
#   scripts/cluster.sh stop                 stops everything this script started (by PID, SIGTERM then SIGKILL)
#
# Ports (all 127.0.0.1): silo I -> silo port 11111+I, gateway port 30000+I, ops HTTP 5180+I (/healthz /readyz /metrics /dashboard);
# frontend J -> terminal API 5080+J (J < 10; 5090 is the issuer simulator, /healthz /readyz), ops HTTP 5280+J (/metrics
# /dashboard); simulator 5090. The dashboards want the operator key (X-Api-Key, dev-admin-key). Every process runs in the
# Development environment, which accepts the development secrets (docs/operations.md).
# Azurite 10000-10002 (AZURITE_PORT_BASE), data in .data/cluster/azurite.
# Settings shared with real Azure Storage: WALLETGATEWAY_STORAGE (connection string), CLUSTER_ID, SERVICE_ID.
# Extra settings for every gateway process: WALLETGATEWAY_ARGS (e.g. "--WalletGateway:Sessions:MaxLifetime=00:01:00").
# Other builds of the gateway (e.g. ReadyToRun-published ones, as a container image runs): CLUSTER_SILO_DLL and
# CLUSTER_FRONTEND_DLL, the paths of WalletGateway.Silo.dll and WalletGateway.Frontend.dll (default: the Release build).
# The cores each silo's runtime sees: CLUSTER_SILO_CPUS = share (default: the cores divided among the silos, at least 1,
# as a container's CPU limit gives a pod; one silo is told nothing), all (every core, .NET's own) or a count. .NET sizes
# its thread pool and GC by the processor count it sees; a silo is told with DOTNET_PROCESSOR_COUNT (measured:
# docs/operations.md, BENCHMARKS.md "Session 10" and "Session 11").
# Extra environment for every silo process only: CLUSTER_SILO_ENV="VAR=VALUE ..." (e.g. a runtime setting to compare).
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
need curl "used to wait for /readyz and for status"
need bc "used to time drains"
need nohup "starts the processes in the background"

STATE=.data/cluster
LOGS=$STATE/logs
AZ_BASE=${AZURITE_PORT_BASE:-10000}
CLUSTER_ID=${CLUSTER_ID:-walletgateway-local}
SERVICE_ID=${SERVICE_ID:-walletgateway}
SILO_DLL=${CLUSTER_SILO_DLL:-src/Silo/bin/Release/net10.0/WalletGateway.Silo.dll}
FRONTEND_DLL=${CLUSTER_FRONTEND_DLL:-src/Frontend/bin/Release/net10.0/WalletGateway.Frontend.dll}
SIM_DLL=src/IssuerSimulator/bin/Release/net10.0/IssuerSimulator.dll
read -r -a EXTRA <<< "${WALLETGATEWAY_ARGS:-}"
read -r -a SILO_ENV <<< "${CLUSTER_SILO_ENV:-}"
for setting in "${SILO_ENV[@]}"; do
  [[ "$setting" =~ ^[A-Za-z_][A-Za-z0-9_]*=[^[:space:]]*$ ]] || { echo "error: CLUSTER_SILO_ENV holds VAR=VALUE words, not '$setting'" >&2; exit 64; }
done
SILO_CPUS=${CLUSTER_SILO_CPUS:-share}
case "$SILO_CPUS" in share|all|[1-9]|[1-9][0-9]) ;; *) echo "error: CLUSTER_SILO_CPUS is share, all or a count" >&2; exit 64 ;; esac
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

storage() {
  if [ -n "${WALLETGATEWAY_STORAGE:-}" ]; then echo "$WALLETGATEWAY_STORAGE"
  else azurite_connection_string "$AZ_BASE" $((AZ_BASE + 1)) $((AZ_BASE + 2)); fi
}

common_args() {
  echo "--ConnectionStrings:AzureStorage=$(storage) --Orleans:ClusterId=$CLUSTER_ID --Orleans:ServiceId=$SERVICE_ID"
}

pid_of() { cat "$STATE/$1.pid" 2>/dev/null; }
alive() { local p; p=$(pid_of "$1"); [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

launch() { # name log command...
  local name=$1 log=$2; shift 2
  nohup "$@" > "$log" 2>&1 &
  echo $! > "$STATE/$name.pid"
}

start_storage() {
  [ -n "${WALLETGATEWAY_STORAGE:-}" ] && return 0
  alive azurite && return 0
  ports_free "Azurite for the cluster (set AZURITE_PORT_BASE)" "$AZ_BASE" $((AZ_BASE + 1)) $((AZ_BASE + 2)) || return 1
  mkdir -p "$STATE/azurite"
  azurite_args "$STATE/azurite" "$AZ_BASE" $((AZ_BASE + 1)) $((AZ_BASE + 2))
  launch azurite "$LOGS/azurite.log" "${AZURITE[@]}"
  wait_for_port $((AZ_BASE + 2)) 60 Azurite
}

stop_pid() { # name
  local p; p=$(pid_of "$1") || return 0
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    kill "$p" 2>/dev/null
    for _ in $(seq 1 600); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  fi
  rm -f "$STATE/$1.pid"
}

silo_count() { ls "$STATE"/silo-*.pid 2>/dev/null | wc -l; }

next_silo_index() {
  local i=0
  while [ -e "$STATE/silo-$i.pid" ]; do i=$((i + 1)); done
  echo "$i"
}

silo_cpus() { # silos -> the processor count a silo is told (empty: .NET's own, every core)
  local cores; cores=$(nproc)
  case "$SILO_CPUS" in
    all) ;;
    share) [ "$1" -gt 1 ] && echo $(( cores / $1 > 0 ? cores / $1 : 1 )) ;;
    *) echo "$SILO_CPUS" ;;
  esac
}

start_silo() { # index silos (the count it runs among, for its CPU share)
  local i=$1 cpus
  cpus=$(silo_cpus "$2")
  ports_free "silo $i" $((11111 + i)) $((30000 + i)) $((5180 + i)) || return 1
  # shellcheck disable=SC2046
  launch "silo-$i" "$LOGS/silo-$i.log" env ${cpus:+DOTNET_PROCESSOR_COUNT=$cpus} "${SILO_ENV[@]}" dotnet "$SILO_DLL" $(common_args) \
    --Orleans:SiloPort=$((11111 + i)) --Orleans:GatewayPort=$((30000 + i)) --Urls=http://127.0.0.1:$((5180 + i)) \
    --Operations:Port=$((5180 + i)) "${EXTRA[@]}"
  wait_for_url "http://127.0.0.1:$((5180 + i))/readyz" 120 "silo $i" "$(pid_of "silo-$i")" || { tail -20 "$LOGS/silo-$i.log" >&2; return 1; }
  echo "silo $i ready: silo port $((11111 + i)), gateway $((30000 + i)), http://127.0.0.1:$((5180 + i)) (pid $(pid_of "silo-$i"), ${cpus:-$(nproc)} of $(nproc) cores${SILO_ENV[*]:+, ${SILO_ENV[*]}})"
}

start_frontend() { # index
  local j=$1
  ports_free "frontend $j" $((5080 + j)) $((5280 + j)) || return 1
  # shellcheck disable=SC2046
  launch "frontend-$j" "$LOGS/frontend-$j.log" dotnet "$FRONTEND_DLL" $(common_args) --Gateway:Mode=Client \
    "--Urls=http://127.0.0.1:$((5080 + j));http://127.0.0.1:$((5280 + j))" --Operations:Port=$((5280 + j)) "${EXTRA[@]}"
  wait_for_url "http://127.0.0.1:$((5080 + j))/readyz" 120 "frontend $j" "$(pid_of "frontend-$j")" || { tail -20 "$LOGS/frontend-$j.log" >&2; return 1; }
  echo "frontend $j ready: http://127.0.0.1:$((5080 + j))/v1, ops http://127.0.0.1:$((5280 + j)) (pid $(pid_of "frontend-$j"))"
}

cmd_start() {
  local silos=1 frontends=1 fresh=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --silos) silos=$2; shift 2 ;;
      --frontends) frontends=$2; shift 2 ;;
      --fresh) fresh=1; shift ;;
      *) echo "unknown option $1" >&2; exit 64 ;;
    esac
  done
  [ "$silos" -ge 1 ] && [ "$silos" -le 9 ] && [ "$frontends" -ge 1 ] && [ "$frontends" -le 9 ] \
    || { echo "error: 1-9 silos and 1-9 frontends" >&2; exit 64; }
  [ "$(ls "$STATE"/*.pid 2>/dev/null | wc -l)" -gt 0 ] && { echo "error: a cluster is already running (scripts/cluster.sh stop)" >&2; exit 1; }
  install_tools
  [ "$fresh" -eq 1 ] && rm -rf "$STATE"
  mkdir -p "$LOGS"
  echo "==> building"
  dotnet build WalletGateway.slnx -c Release -nologo -v q -clp:ErrorsOnly || exit 1
  start_storage || exit 1
  if ! alive simulator; then
    ports_free "the issuer simulator" 5090 || exit 1
    launch simulator "$LOGS/simulator.log" dotnet "$SIM_DLL" --urls http://127.0.0.1:5090
    wait_for_url http://127.0.0.1:5090/readyz 60 "issuer simulator" "$(pid_of simulator)" || exit 1
  fi
  local i
  for i in $(seq 0 $((silos - 1))); do start_silo "$i" "$silos" || exit 1; done
  for i in $(seq 0 $((frontends - 1))); do start_frontend "$i" || exit 1; done
  echo "cluster '$CLUSTER_ID' up: $silos silo(s), $frontends frontend(s); logs in $LOGS; dashboard http://127.0.0.1:5180/dashboard (X-Api-Key)"
}

cmd_add_silo() {
  mkdir -p "$LOGS"
  start_silo "$(next_silo_index)" $(( $(silo_count) + 1 ))
}

pick_silo() { # [index] -> newest silo when empty
  if [ -n "${1:-}" ]; then echo "$1"; return; fi
  ls "$STATE"/silo-*.pid 2>/dev/null | sed -E 's/.*silo-([0-9]+)\.pid/\1/' | sort -n | tail -1
}

cmd_drain_silo() {
  local i; i=$(pick_silo "${1:-}")
  [ -n "$i" ] && alive "silo-$i" || { echo "error: no running silo ${1:-}" >&2; exit 1; }
  [ "$(silo_count)" -ge 2 ] || echo "warning: draining the last silo: its sessions have nowhere to go" >&2
  local p started
  p=$(pid_of "silo-$i"); started=$(date +%s.%N)
  echo "==> draining silo $i (pid $p): SIGTERM, Orleans hands its activations to the other silos"
  kill -TERM "$p"
  for _ in $(seq 1 1200); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$p" 2>/dev/null; then echo "silo $i did not exit in 120 s: SIGKILL" >&2; kill -9 "$p"; fi
  rm -f "$STATE/silo-$i.pid"
  printf 'silo %s drained and removed in %.1f s (log %s)\n' "$i" "$(echo "$(date +%s.%N) - $started" | bc)" "$LOGS/silo-$i.log"
}

cmd_restart_silo() {
  local i=${1:-} n=1 started
  [ -n "$i" ] || { echo "error: restart-silo needs the silo's index" >&2; exit 64; }
  started=$(date +%s.%N)
  cmd_drain_silo "$i"
  while [ -e "$LOGS/silo-$i.log.$n" ]; do n=$((n + 1)); done
  mv "$LOGS/silo-$i.log" "$LOGS/silo-$i.log.$n"
  # A silo that finds the storage too slow to answer at start exits (StorageProbe); on a loaded box, one more try.
  local silos=$(( $(silo_count) + 1 ))
  start_silo "$i" "$silos" || { echo "silo $i: starting once more" >&2; start_silo "$i" "$silos"; } || exit 1
  printf 'silo %s restarted (drain, exit, start, ready) in %.1f s\n' "$i" "$(echo "$(date +%s.%N) - $started" | bc)"
}

cmd_kill_silo() {
  local i; i=$(pick_silo "${1:-}")
  [ -n "$i" ] && alive "silo-$i" || { echo "error: no running silo ${1:-}" >&2; exit 1; }
  echo "==> kill -9 silo $i (pid $(pid_of "silo-$i"))"
  kill -9 "$(pid_of "silo-$i")"
  rm -f "$STATE/silo-$i.pid"
}

cmd_status() {
  local f name p port
  for f in "$STATE"/*.pid; do
    [ -e "$f" ] || { echo "no cluster running"; return; }
    name=$(basename "$f" .pid); p=$(cat "$f")
    case "$name" in
      silo-*) port=$((5180 + ${name#silo-})) ;;
      frontend-*) port=$((5080 + ${name#frontend-})) ;;
      simulator) port=5090 ;;
      *) port= ;;
    esac
    if kill -0 "$p" 2>/dev/null; then
      if [ -n "$port" ]; then
        printf '%-12s pid %-7s up   readyz %s\n' "$name" "$p" "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$port/readyz")"
      else printf '%-12s pid %-7s up\n' "$name" "$p"; fi
    else printf '%-12s pid %-7s gone\n' "$name" "$p"; fi
  done
}

cmd_stop() {
  local f name
  for f in "$STATE"/frontend-*.pid "$STATE"/silo-*.pid "$STATE"/simulator.pid "$STATE"/azurite.pid; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .pid)
    stop_pid "$name" && echo "stopped $name"
  done
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  add-silo) cmd_add_silo ;;
  drain-silo) shift; cmd_drain_silo "$@" ;;
  restart-silo) shift; cmd_restart_silo "$@" ;;
  kill-silo) shift; cmd_kill_silo "$@" ;;
  stop-storage) stop_pid azurite; echo "Azurite stopped" ;;
  start-storage) mkdir -p "$LOGS"; start_storage && echo "Azurite started" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) sed -n '2,28p' "$0"; exit 64 ;;
esac
