#!/usr/bin/env bash
# Provisioned cards/s and p99 with each durable grain storage, side by side in one run: one Azurite and one
# issuer simulator, then for each provider a fresh gateway (Orleans:GrainStorage=...) and the same load
# runner campaign. Ports of its own (Azurite 10400-10402, simulator 5190, gateway 5180, silo 11311/30300),
# so it runs beside ./run.sh and ./test.sh. The issuer budget and the per-address edge limit are lifted
# (every virtual terminal comes from 127.0.0.1), so storage is what the campaign meets.
# Usage: campaign.sh [load plan=keep-constant:64:30s] [providers="AzureTable GroupCommit"]
# Environment: GATEWAY_ARGS (more gateway settings, e.g. --Orleans:GroupCommit:PartitionCount=4),
# RUNNER_POOLS (default --members 20000 --terminals 1000), SKIP_BUILD=1.
set -uo pipefail
source "$(dirname "$0")/../../scripts/common.sh"
cd "$ROOT"
trap 'stop_started' EXIT
trap 'exit 130' INT TERM

PLAN="${1:-keep-constant:64:30s}"
PROVIDERS="${2:-AzureTable GroupCommit}"
RUNNER_POOLS="${RUNNER_POOLS:---members 20000 --terminals 1000}"
DATA=.data/groupcommit-campaign
LOGS=$DATA/logs
STAMP=$(date +%Y%m%d-%H%M%S)
rm -rf "$DATA"; mkdir -p "$LOGS"

install_tools
[ -n "${SKIP_BUILD:-}" ] || dotnet build WalletGateway.slnx -c Release -nologo -v q -clp:ErrorsOnly || exit 1
start_azurite "$DATA/azurite" 10400 10401 10402 "$LOGS/azurite.log" || exit 1
STORAGE="$(azurite_connection_string 10400 10401 10402)"

dotnet src/IssuerSimulator/bin/Release/net10.0/IssuerSimulator.dll --urls http://127.0.0.1:5190 > "$LOGS/simulator.log" 2>&1 &
SIM=$!; STARTED_PIDS+=("$SIM")
wait_for_url http://127.0.0.1:5190/readyz 60 "issuer simulator" "$SIM" || exit 1

for provider in $PROVIDERS; do
  echo "==> gateway with Orleans:GrainStorage=$provider"
  dotnet src/Frontend/bin/Release/net10.0/WalletGateway.Frontend.dll --urls http://127.0.0.1:5180 \
    --ConnectionStrings:AzureStorage="$STORAGE" --Orleans:GrainStorage="$provider" \
    --Orleans:SiloPort=11311 --Orleans:GatewayPort=30300 --Orleans:ClusterId="campaign-$provider" \
    --WalletGateway:Issuers:demo-card:BaseUrl=http://127.0.0.1:5190/issuers/demo-card/ \
    --WalletGateway:Issuers:sample-bank:BaseUrl=http://127.0.0.1:5190/issuers/sample-bank/ \
    --WalletGateway:Issuers:demo-card:MaxCallsPerSecond=10000 --WalletGateway:Issuers:demo-card:MaxConcurrentCalls=1024 \
    --WalletGateway:Edge:TrustedNetworks:0=127.0.0.0/8 ${GATEWAY_ARGS:-} \
    > "$LOGS/gateway-$provider.log" 2>&1 &
  GW=$!; STARTED_PIDS+=("$GW")
  wait_for_url http://127.0.0.1:5180/readyz 120 "gateway" "$GW" || exit 1
  dotnet loadtests/LoadRunner/bin/Release/net10.0/loadrunner.dll run -s provision -l "$PLAN" --no-live $RUNNER_POOLS \
    --gateway http://127.0.0.1:5180/ --simulator http://127.0.0.1:5190/ --name "groupcommit-$STAMP-$provider" \
    | grep -E "^\[[0-9:]+\] (provision:|  )"
  kill "$GW"; wait "$GW" 2>/dev/null
done
