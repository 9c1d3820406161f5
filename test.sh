#!/usr/bin/env bash
# Runs every test: installs what is missing, starts its own Azurite (ports 10100-10102, or from
# WALLETGATEWAY_TEST_AZURITE_PORT upwards; data in .data/azurite-test, removed afterwards; three accounts:
# devstoreaccount1 and the two shard accounts of scripts/common.sh), runs `dotnet test` on the solution and ends with
# one line "N passed, N failed" counted from the test results.
set -uo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$ROOT"
trap 'stop_started; rm -rf .data/azurite-test' EXIT
trap 'exit 130' INT TERM

install_tools
RESULTS=.data/test-results
rm -rf "$RESULTS" .data/azurite-test
mkdir -p "$RESULTS"

BLOB_PORT="${WALLETGATEWAY_TEST_AZURITE_PORT:-10100}"
echo "==> starting Azurite for the tests (127.0.0.1:$BLOB_PORT-$((BLOB_PORT + 2)))"
start_azurite .data/azurite-test "$BLOB_PORT" $((BLOB_PORT + 1)) $((BLOB_PORT + 2)) .data/logs/azurite-test.log || exit 1
export WALLETGATEWAY_TEST_STORAGE="$(azurite_connection_string "$BLOB_PORT" $((BLOB_PORT + 1)) $((BLOB_PORT + 2)))"
# The same Azurite serves the shard accounts (AZURITE_ACCOUNTS, scripts/common.sh): the sharded-storage tests use them.
export WALLETGATEWAY_TEST_STORAGE_SHARDS="$(for a in "${DEV_SHARD_ACCOUNTS[@]}"; do azurite_connection_string "$BLOB_PORT" $((BLOB_PORT + 1)) $((BLOB_PORT + 2)) "$a"; echo; done)"

echo "==> dotnet test"
dotnet test --solution WalletGateway.slnx --report-xunit-trx --results-directory "$RESULTS" "$@"
status=$?

passed=0; failed=0; other=0
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  passed=$(( passed + $(get passed) ))
  failed=$(( failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
  other=$(( other + $(get notExecuted) + $(get inconclusive) ))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status (build error or crashed test host) without a failed test in the results" >&2
  failed=$(( failed + 1 ))
fi
[ "$other" -gt 0 ] && echo "$other test(s) not executed or inconclusive (counted as neither)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
