#!/usr/bin/env bash
# Fault checks on a local cluster (scripts/cluster.sh), each under a provisioning campaign whose virtual terminals'
# chips are saved and then compared with the durable card records (loadrunner invariants).
#
#   scripts/faults.sh kill      3 silos; kill -9 one mid-campaign; time to detect it; leases of its sessions run out
#   scripts/faults.sh kill-final 3 silos; terminals hold their final relay (HOLD_FINAL, 4s) with the card on the chip;
#                               kill -9 one silo then: its held cards must end unconfirmed on their chips, none on two
#   scripts/faults.sh scale     2 silos; add a silo, then drain one, mid-campaign: zero failed sessions expected
#   scripts/faults.sh storage   2 silos; Azurite stopped for STORAGE_DOWN seconds (5) mid-campaign (STORAGE_DURATION, 70s):
#                               503s, then recovery, timed from when Azurite is back
#   scripts/faults.sh restart   after a campaign, stop every process (Azurite too) and start again: cards still active
#   scripts/faults.sh rolling   3 silos, warmed up; drain and restart each in turn during a ROLLING_DURATION (240s)
#                               campaign: zero failed sessions expected
#   scripts/faults.sh all       the six, one after the other
#
# Each starts a fresh cluster (.data/cluster), leaves reports in loadtests/reports/fault-*, prints a verdict line and
# stops the cluster. RATE (10/s) and DURATION (40s) shape the campaign. Sessions live 60 s, leases 75 s, so a lease
# left by a dead silo runs out within the check.
# Exit status: 0 when every check held; 1 when an invariant was violated (loadrunner invariants said so), the
# invariants could not be checked, the scale or rolling check saw a failed session (or the rolling restart did not
# finish within its campaign), or the kill-final check caught no session holding its final relay (no card
# unconfirmed); 2 when a tool is missing.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
need dotnet "install the .NET SDK 10.0.401"
need curl "reads each silo's /metrics"
need bc "times the failure detection"
need setsid "runs the campaign in a session of its own"
CLUSTER=scripts/cluster.sh
LR="dotnet loadtests/LoadRunner/bin/Release/net10.0/loadrunner.dll"
RATE=${RATE:-10}
DURATION=${DURATION:-40}
export WALLETGATEWAY_ARGS="--WalletGateway:Sessions:MaxLifetime=00:01:00 --WalletGateway:Sessions:IdleTimeout=00:00:30 --WalletGateway:Sessions:LeaseMargin=00:00:15"
VERDICTS=()
FAILURES=()
CAMPAIGN_PID=
INV=

cleanup() {
  [ -n "$CAMPAIGN_PID" ] && kill "$CAMPAIGN_PID" 2>/dev/null
  $CLUSTER stop >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fresh_cluster() { # silos
  $CLUSTER stop >/dev/null 2>&1
  rm -rf .data/cluster
  $CLUSTER start --silos "$1" --frontends 1 | tail -1 || exit 1
  dotnet build -c Release loadtests/LoadRunner -nologo -v q -clp:ErrorsOnly >/dev/null || exit 1
}

start_campaign() { # name [more run options]
  local name=$1; shift
  rm -rf ".data/faults/$name"
  mkdir -p .data/faults
  # Its own session: signals meant for the cluster's processes never reach it.
  setsid $LR run -s provision -l "inject:$RATE/s:${DURATION}s" --no-live --name "fault-$name" --save-chips ".data/faults/$name" \
    --timeout 20s "$@" > ".data/faults/$name.log" 2>&1 &
  CAMPAIGN_PID=$!
}

wait_campaign() { # waits for the campaign (not in a subshell: it is this shell's child)
  wait "$CAMPAIGN_PID"; CAMPAIGN_PID=
}

summary_line() { # a campaign's output on stdin -> its summary line
  grep -E "provision: started .*, ok" | tail -1 | sed -E 's/^\[[0-9:]+\] //'
}

summary_of() { # name -> the campaign's summary line
  summary_line < ".data/faults/$1.log"
}

fail() { # what
  echo "FAILED: $1" >&2
  FAILURES+=("$1")
}

# invariants <name> [wait]: prints the checker's summary and violations and keeps them in INV; not in a subshell, so a
# failure (the checker's exit status is not 0) is recorded.
invariants() {
  local out status
  out=$($LR invariants --chips ".data/faults/$1" --wait-leases "${2:-0s}" 2>&1)
  status=$?
  echo "$out" >> ".data/faults/$1.log"
  INV=$(echo "$out" | grep -E "invariants:|VIOLATION|rror" | sed -E 's/^\[[0-9:]+\] //' | head -12)
  echo "$INV"
  [ "$status" -eq 0 ] || fail "$1: invariants violated or not checked (loadrunner invariants exited $status; see .data/faults/$1.log)"
}

failed_sessions() { # summary line -> its failed count (empty when the line has none)
  echo "$1" | grep -oE 'fail(ed)? [0-9]+' | head -1 | grep -oE '[0-9]+'
}

ring_size() { # silo http port
  curl -s --max-time 2 "http://127.0.0.1:$1/metrics" | grep -E '^orleans_consistent_ring_size' | awk '{print $2}' | head -1
}

check_kill() {
  echo "==> kill -9 a silo during a campaign"
  fresh_cluster 3
  start_campaign kill
  sleep 15
  local killed_at detected
  killed_at=$(date +%s.%N)
  $CLUSTER kill-silo 2
  detected=
  for _ in $(seq 1 240); do
    if [ "$(ring_size 5180)" = "2" ]; then detected=$(echo "$(date +%s.%N) - $killed_at" | bc); break; fi
    sleep 0.25
  done
  echo "dead silo out of silo 0's ring after: ${detected:-more than 60} s"
  wait_campaign; local summary; summary=$(summary_of kill)
  echo "campaign: $summary"
  echo "a fresh session after the kill:"
  $LR run -s provision -l "inject:2/s:5s" --no-live --name fault-kill-fresh | grep -E "provision: started .*, ok" | tail -1 | sed -E 's/^\[[0-9:]+\] //'
  invariants kill 150s; local inv=$INV
  VERDICTS+=("kill: detect ${detected:-?} s; $summary; $(echo "$inv" | grep -o 'violations [0-9]*')")
}

# The terminals relay the last STORE DATA block to their chips, then wait HOLD_FINAL before the final relay: at the kill,
# each silo owns some sessions whose card data is out and whose final relay is not answered. Their cards must end
# unconfirmed on the chips that hold them (the lease runs out; only that chip may rewrite the card), never free and
# never on two chips (invariants 1a, 1b, 3).
check_kill_final() {
  local hold=${HOLD_FINAL:-4s}
  echo "==> kill -9 a silo while terminals hold their final relay ($hold)"
  fresh_cluster 3
  start_campaign kill-final --hold-final-relay "$hold"
  sleep 15
  $CLUSTER kill-silo 2
  echo "killed silo 2 at $(date -u +%H:%M:%S)Z"
  wait_campaign; local summary; summary=$(summary_of kill-final)
  echo "campaign: $summary"
  invariants kill-final 150s; local inv=$INV
  local unconfirmed; unconfirmed=$(echo "$inv" | grep -oE 'unconfirmed [0-9]+' | head -1 | grep -oE '[0-9]+')
  [ "${unconfirmed:-0}" -gt 0 ] || fail "kill-final: no card ended unconfirmed, so no session was caught holding its final relay ($summary)"
  VERDICTS+=("kill-final: hold $hold; $summary; failed sessions $(failed_sessions "$summary"), cards unconfirmed on their chips ${unconfirmed:-0}; $(echo "$inv" | grep -o 'violations [0-9]*')")
}

check_scale() {
  echo "==> add a silo and drain a silo during a campaign"
  fresh_cluster 2
  start_campaign scale
  sleep 10
  $CLUSTER add-silo
  sleep 10
  $CLUSTER drain-silo 0
  grep -h "Drain:" .data/cluster/logs/silo-0.log | sed 's/^ *//'
  wait_campaign; local summary; summary=$(summary_of scale)
  echo "campaign: $summary"
  invariants scale 0s; local inv=$INV
  [ "$(failed_sessions "$summary")" = "0" ] || fail "scale: sessions failed while a silo was added and one drained ($summary)"
  VERDICTS+=("scale: $summary; $(echo "$inv" | grep -o 'violations [0-9]*')")
}

check_storage() {
  echo "==> Azurite down for ${STORAGE_DOWN:-5} s during a campaign"
  fresh_cluster 2
  # Longer than the other checks: stopping Azurite waits for it to close its connections, so storage is back well
  # after 15 + STORAGE_DOWN s, and the recovery must fall inside the campaign.
  local DURATION=${STORAGE_DURATION:-70}
  start_campaign storage; local started; started=$(date +%s.%N)
  sleep 15
  $CLUSTER stop-storage; local down; down=$(echo "$(date +%s.%N) - $started" | bc)
  sleep "${STORAGE_DOWN:-5}"
  $CLUSTER start-storage; local back; back=$(echo "$(date +%s.%N) - $started" | bc)
  echo "storage stopping at 15 s, stopped at $down s, back at $back s (campaign time)"
  wait_campaign; local summary; summary=$(summary_of storage)
  echo "campaign: $summary"
  local recovery; recovery=$(storage_recovery "$back" loadtests/reports/fault-storage/timeseries.csv)
  echo "recovery: $recovery"
  grep -oE "[a-z0-9-]+:[0-9]{3}=[0-9]+" ".data/faults/storage.log" | sort | uniq | tail -8 | tr '\n' ' '; echo
  echo "after recovery:"
  $LR run -s provision -l "inject:5/s:5s" --no-live --name fault-storage-after | grep -E "provision: started .*, ok" | tail -1 | sed -E 's/^\[[0-9:]+\] //'
  invariants storage 150s; local inv=$INV
  VERDICTS+=("storage: $summary; $recovery; $(echo "$inv" | grep -o 'violations [0-9]*')")
}

# storage_recovery <seconds from campaign start to storage back> <timeseries.csv>: from the campaign's sessions per second
# (completed ones, by the second they ended), how long after storage was back sessions still failed, and from when on
# every second of the injection completed cards and none failed. About ±1 s: the campaign's clock starts a moment
# after its process does.
storage_recovery() {
  awk -F, -v back="$1" -v end="$DURATION" '
    $1 == "provision" && $2 == "(iteration)" && $3 >= back && $3 <= end { n++; at[n] = $3; ok[n] = $4; failed[n] = $5 }
    END {
      last_fail = back; flowing = ""
      for (i = 1; i <= n; i++) if (failed[i] > 0) last_fail = at[i]
      for (i = n; i >= 1 && ok[i] > 0 && failed[i] == 0; i--) flowing = at[i]
      printf "after storage was back (%.1f s in): last failed sessions at +%.0f s; cards flowing without failures from +%s s", back, last_fail - back, (flowing == "" ? "(never in the campaign)" : sprintf("%.0f", flowing - back))
    }' "$2"
}

check_restart() {
  echo "==> restart the whole cluster"
  fresh_cluster 2
  start_campaign restart
  wait_campaign; local summary; summary=$(summary_of restart)
  echo "campaign: $summary"
  invariants restart 0s
  $CLUSTER stop
  $CLUSTER start --silos 2 --frontends 1 | tail -1
  echo "after restart:"; invariants restart 0s; local inv=$INV
  VERDICTS+=("restart: $summary; after restart $(echo "$inv" | grep -o 'durably active there [0-9]*'), $(echo "$inv" | grep -o 'violations [0-9]*')")
}

# Each silo in turn: drain it (SIGTERM: its sessions migrate), start it again on the same ports, wait until every silo's
# ring has 3 members again and the frontend's gateway list has had time to see it (5 s refresh), then the next one.
check_rolling() {
  local duration=${ROLLING_DURATION:-240} settle=${ROLLING_SETTLE:-10}
  echo "==> rolling restart of 3 silos during a ${duration} s campaign"
  fresh_cluster 3
  # Not judged: a cold cluster's first seconds (JIT) would blur what the restarts do.
  echo "warm-up: $($LR run -s provision -l "inject:5/s:15s" --no-live --name fault-rolling-warmup --timeout 20s | summary_line)"
  DURATION=$duration start_campaign rolling
  sleep 10
  local i out joined drains=() s
  for i in 0 1 2; do
    out=$($CLUSTER restart-silo "$i" 2>&1) || { echo "$out"; fail "rolling: silo $i did not come back"; break; }
    echo "$out" | grep -E "drained|restarted"
    joined=
    for _ in $(seq 1 240); do
      joined=1
      for s in 0 1 2; do [ "$(ring_size $((5180 + s)))" = "3" ] || { joined=; break; }; done
      [ -n "$joined" ] && break
      sleep 0.25
    done
    [ -n "$joined" ] || { fail "rolling: silo $i not back in every ring after 60 s"; break; }
    drains+=("silo $i $(grep -h "Drain:" "$(ls -t .data/cluster/logs/silo-"$i".log.* | head -1)" | grep -oE '[0-9]+ live sessions handed|[0-9]+ still here after [0-9.]+ ms' | tr '\n' ' ')restart $(echo "$out" | grep -oE 'restarted .* in [0-9.]+ s' | grep -oE '[0-9.]+ s$')")
    sleep "$settle"
  done
  kill -0 "$CAMPAIGN_PID" 2>/dev/null || fail "rolling: the campaign ended before the last silo was back (raise ROLLING_DURATION)"
  printf '%s\n' "${drains[@]}"
  wait_campaign; local summary; summary=$(summary_of rolling)
  echo "campaign: $summary"
  invariants rolling 0s; local inv=$INV
  [ "$(failed_sessions "$summary")" = "0" ] || fail "rolling: sessions failed during the rolling restart ($summary)"
  VERDICTS+=("rolling: $summary; $(IFS=';'; echo "${drains[*]}"); $(echo "$inv" | grep -o 'violations [0-9]*')")
}

case "${1:-}" in
  kill) check_kill ;;
  kill-final) check_kill_final ;;
  scale) check_scale ;;
  storage) check_storage ;;
  restart) check_restart ;;
  rolling) check_rolling ;;
  all) check_scale; check_kill; check_kill_final; check_storage; check_restart; check_rolling ;;
  *) sed -n '2,21p' "$0"; exit 64 ;;
esac
echo
printf 'verdict: %s\n' "${VERDICTS[@]}"
if [ "${#FAILURES[@]}" -gt 0 ]; then
  printf 'FAILED: %s\n' "${FAILURES[@]}" >&2
  exit 1
fi
echo "all checks held"
