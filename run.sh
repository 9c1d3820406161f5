#!/usr/bin/env bash
# Runs the whole local stack: Azurite, the issuer simulator and the gateway (silo + frontend in one
# process) on their development defaults (docs/operations.md). Ctrl-C stops everything it started.
set -uo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$ROOT"
trap 'echo; echo "==> stopping"; stop_started; exit 0' INT TERM
trap 'stop_started' EXIT

install_tools
for p in 5080 5090 9090 11111 30000; do
  port_in_use "$p" && { echo "error: port $p is already in use (is the gateway already running?)" >&2; exit 1; }
done

echo "==> building"
dotnet build WalletGateway.slnx -c Release -nologo -v q -clp:ErrorsOnly || exit 1

LOGS=.data/logs
mkdir -p "$LOGS"
echo "==> starting Azurite (data in .data/azurite, log $LOGS/azurite.log)"
start_azurite .data/azurite 10000 10001 10002 "$LOGS/azurite.log" || exit 1

echo "==> starting the issuer simulator on http://127.0.0.1:5090"
dotnet src/IssuerSimulator/bin/Release/net10.0/IssuerSimulator.dll --urls http://127.0.0.1:5090 > "$LOGS/issuer-simulator.log" 2>&1 &
SIM=$!; STARTED_PIDS+=("$SIM")
wait_for_url http://127.0.0.1:5090/readyz 60 "issuer simulator" "$SIM" || { tail -20 "$LOGS/issuer-simulator.log"; exit 1; }

echo "==> starting the gateway on http://127.0.0.1:5080 (operations 9090, silo 11111, gateway 30000)"
# Development: the only environment that accepts the development secrets of appsettings.json.
ASPNETCORE_ENVIRONMENT=Development dotnet src/Frontend/bin/Release/net10.0/WalletGateway.Frontend.dll > "$LOGS/gateway.log" 2>&1 &
GW=$!; STARTED_PIDS+=("$GW")
wait_for_url http://127.0.0.1:5080/readyz 120 "gateway" "$GW" || { tail -20 "$LOGS/gateway.log"; exit 1; }

member=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"count":1}' \
  http://127.0.0.1:5090/admin/issuers/demo-card/members)
member_id=$(echo "$member" | sed -E 's/.*"memberId":"([^"]+)".*/\1/')
access_code=$(echo "$member" | sed -E 's/.*"accessCode":"([^"]+)".*/\1/')

cat <<TXT

WalletGateway is running.
  gateway          http://127.0.0.1:5080   (OpenAPI: /openapi/v1.json, /healthz, /readyz)
  operations       http://127.0.0.1:9090   (/metrics; /dashboard with header X-Api-Key: dev-admin-key)
  issuer simulator http://127.0.0.1:5090   (issuers demo-card, sample-bank; /admin/stats)
  Azurite          table http://127.0.0.1:10002, data in .data/azurite
  logs             $LOGS/

A fresh demo-card member is ready. Provision its card from another terminal:

  dotnet src/Terminal/bin/Release/net10.0/walletgateway-terminal.dll provision --issuer demo-card --member $member_id --code $access_code

More members: curl -X POST -H 'Content-Type: application/json' -d '{"count":5}' http://127.0.0.1:5090/admin/issuers/demo-card/members

Press Ctrl-C to stop everything.
TXT

wait -n "$SIM" "$GW"
echo "error: a process exited; see $LOGS/" >&2
exit 1
