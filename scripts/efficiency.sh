#!/usr/bin/env bash
# Cluster efficiency (issue 15): the same provisioning load offered to 1, 2, 3 silos with 1 or 2 frontends, and the cost
# of a card summed over every gateway process.
#
#   scripts/efficiency.sh [--layouts "1x1 2x1 3x1 1x2 2x2 3x2"] [--rate 15] [--duration 90] [--warmup 45] [--idle 30] [--repeat 1] [--name efficiency]
#
# A layout is SILOSxFRONTENDS, optionally :CPUS, the cores each silo's runtime sees in that layout (scripts/cluster.sh
# CLUSTER_SILO_CPUS: share, the default, all or a count; "1x1 3x1 3x1:all" measures 3 silos with and without their share), then
# optionally +VAR=VALUE, environment for that layout's silos only (CLUSTER_SILO_ENV; several: +A=1+B=2), e.g.
# "3x1:share 3x1:share+DOTNET_TC_DelaySingleProcMultiplier=1" compares a runtime setting side by side.
# For each: a fresh cluster (scripts/cluster.sh, fresh Azurite), a warm-up campaign
# (discarded: JIT, first activations), an idle window (the cluster's cost with no card: membership probes, timers,
# dashboard, metrics), then the measured campaign `loadrunner run -s provision -l inject:RATE/s:DURATIONs`
# spread over every frontend (--gateway per frontend). Around the measured campaign it samples:
#   - CPU (utime+stime from /proc/PID/stat) of every silo and frontend process, of Azurite, the issuer simulator, the runner;
#   - each process's /metrics: Orleans messages sent silo to silo (requests and one-ways = hops; responses apart),
#     messages from the frontends to the silos, activations created, sessions completed, and the grain calls each silo
#     received from another silo by kind (walletgateway_grain_calls_received_total: the card's grains, the grain
#     directory's partitions, the rest of the Orleans runtime).
#   - the silos' thread switches (voluntary + involuntary, /proc/PID/task/*/status: threads that end inside a window are
#     missed), thread-pool work items, JIT-compiled methods and the JIT's time (dotnet_jit_compiled_methods_total,
#     dotnet_jit_compilation_time_seconds_total: is the warm-up over?), and their CPU by thread (read every second:
#     thread-pool workers, socket engine, timer, GC, tier-up compiler, the rest).
# --repeat N measures every layout N times, in rounds whose order alternates (1x1 3x1, 3x1 1x1, ...), so the box's
# drift falls on both; the report then adds the median of each layout's gateway CPU a card and, per round, its ratio
# to the first layout measured beside it (median and range).
# Per card = delta over the measured campaign ÷ cards completed (the runner's ok count). p99 per step from the runner's
# report. Writes loadtests/reports/NAME/efficiency.md (a table, one column per layout) and each campaign's report beside.
# Extra settings for every gateway process: WALLETGATEWAY_ARGS (as for scripts/cluster.sh, e.g. "--Orleans:GrainDirectory=Default").
# Another build of the silo or frontend: CLUSTER_SILO_DLL, CLUSTER_FRONTEND_DLL (as for scripts/cluster.sh). The report names these and WALLETGATEWAY_ARGS when set.
# Uses the cluster's fixed ports (scripts/cluster.sh); stops the cluster it started.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"
need curl "reads each process's /metrics"
need awk "sums the metrics"
need setsid "runs the campaign in a session of its own"

LAYOUTS="1x1 2x1 3x1 1x2 2x2 3x2"
RATE=15
DURATION=90
WARMUP=45
IDLE=30
REPEAT=1
NAME=efficiency
while [ $# -gt 0 ]; do
  case "$1" in
    --layouts) LAYOUTS=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --repeat) REPEAT=$2; shift 2 ;;
    --name) NAME=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

CLUSTER=scripts/cluster.sh
STATE=.data/cluster
LR="dotnet loadtests/LoadRunner/bin/Release/net10.0/loadrunner.dll"
OUT=loadtests/reports/$NAME
TICKS=$(getconf CLK_TCK)
# What the caller changed, named in the report: extra settings and another build of the silo or frontend.
CHANGED="${WALLETGATEWAY_ARGS:+ WALLETGATEWAY_ARGS=\"$WALLETGATEWAY_ARGS\"}${CLUSTER_SILO_DLL:+ CLUSTER_SILO_DLL=$CLUSTER_SILO_DLL}${CLUSTER_FRONTEND_DLL:+ CLUSTER_FRONTEND_DLL=$CLUSTER_FRONTEND_DLL}${CLUSTER_SILO_CPUS:+ CLUSTER_SILO_CPUS=$CLUSTER_SILO_CPUS}${CLUSTER_SILO_ENV:+ CLUSTER_SILO_ENV=\"$CLUSTER_SILO_ENV\"}${DOTNET_PROCESSOR_COUNT:+ DOTNET_PROCESSOR_COUNT=$DOTNET_PROCESSOR_COUNT}"
# Far above the offered load: the limits must not shape what is measured (one runner address registers every device).
export WALLETGATEWAY_ARGS="--WalletGateway:Edge:DeviceRegistrationsPerMinutePerAddress=1000000 ${WALLETGATEWAY_ARGS:-}"
CAMPAIGN_PID=
trap '[ -n "$CAMPAIGN_PID" ] && kill "$CAMPAIGN_PID" 2>/dev/null; $CLUSTER stop >/dev/null 2>&1; rm -rf "$SCRAPES"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT"

cpu_ms() { # pid... -> CPU ms summed (utime + stime)
  local total=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$p/stat")))
  done
  echo $((total * 1000 / TICKS))
}

# Each sample scrapes every silo's /metrics once (a scrape costs the silo tens of ms of CPU: formatting every series) and
# keeps it here; the CPU is read after the scrape at a window's start and before it at its end, so no scrape is counted.
SCRAPES=$(mktemp -d)
scrape() { local port; for port in "$@"; do curl -s -m 10 "http://127.0.0.1:$port/metrics" > "$SCRAPES/$port" || : > "$SCRAPES/$port"; done; }

# metric <port...> <awk regex on the series line>: the sum of the matching series over the processes' last scrape;
# metric_ms the same for a series in seconds, in milliseconds
metric() { scaled_metric 1 "$@"; }
metric_ms() { scaled_metric 1000 "$@"; }
scaled_metric() {
  local scale=$1; shift
  local pattern=${!#} port sum=0 v
  for port in "${@:1:$#-1}"; do
    v=$(awk -v re="$pattern" -v k="$scale" '!/^#/ && $0 ~ re { s += $NF } END { printf "%.0f", s * k }' "$SCRAPES/$port")
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}

pids_of() { local n; for n in "$@"; do cat "$STATE/$n.pid" 2>/dev/null; done; }

switches() { # pid... -> context switches (voluntary + involuntary) summed over every thread of the processes
  local p total=0 v
  for p in "$@"; do
    v=$(cat /proc/"$p"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches:/ { s += $2 } END { print s + 0 }')
    total=$((total + v))
  done
  echo "$total"
}

# The silos' CPU by thread, read every second because threads come and go: the tier-up compiler (".NET Tiered
# Com(pilation Worker)", recompiles hot methods in the background and exits when it has nothing left), the thread-pool
# workers (retired after a while idle), the socket engine (epoll), the timer thread, the GC's threads, and the rest.
# threads_track records each thread's CPU ticks (its first reading as its base if it was there when tracking began,
# else 0); thread_ms GROUP sums what that group's threads spent since (a thread that exits loses at most its last second).
THREAD_GROUPS="workers sockets timer gc tiering other"
declare -A THREAD_BASE THREAD_LAST THREAD_GROUP
threads_track() { # first|next pid...
  local when=$1 p key group ticks; shift
  for p in "$@"; do
    # /proc/PID/task/TID/stat: "TID (comm) state ...": the comm may hold spaces, so split at the last ") ".
    while read -r key group ticks; do
      key="$p/$key"
      [ -z "${THREAD_BASE[$key]:-}" ] && { if [ "$when" = first ]; then THREAD_BASE[$key]=$ticks; else THREAD_BASE[$key]=0; fi; }
      THREAD_LAST[$key]=$ticks; THREAD_GROUP[$key]=$group
    done < <(cat /proc/"$p"/task/*/stat 2>/dev/null | awk '{
      tid = $1; comm = $0; sub(/^[0-9]+ \(/, "", comm); sub(/\) [^)]*$/, "", comm)
      rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
      g = "other"
      if (comm ~ /^\.NET Tiered Com/) g = "tiering"; else if (comm ~ /^\.NET TP Worker/) g = "workers"
      else if (comm ~ /^\.NET Sockets/) g = "sockets"; else if (comm ~ /^\.NET Timer/) g = "timer"
      else if (comm ~ /^\.NET (Server GC|BGC)/) g = "gc"
      print tid, g, f[12] + f[13] }')
  done
}
thread_ms() { # group -> ms
  local key total=0
  for key in "${!THREAD_LAST[@]}"; do
    [ "${THREAD_GROUP[$key]}" = "$1" ] && total=$((total + THREAD_LAST[$key] - THREAD_BASE[$key]))
  done
  echo $((total * 1000 / TICKS))
}
tiering_ms() { thread_ms tiering; }

sample() { # start|end -> "key=value" lines for the current cluster
  local when=$1 silos=("$STATE"/silo-*.pid) fronts=("$STATE"/frontend-*.pid)
  local sp=() fp=() so=() fo=() f
  for f in "${silos[@]}"; do f=${f##*/silo-}; sp+=("$(pids_of "silo-${f%.pid}")"); so+=($((5180 + ${f%.pid}))); done
  for f in "${fronts[@]}"; do f=${f##*/frontend-}; fp+=("$(pids_of "frontend-${f%.pid}")"); fo+=($((5280 + ${f%.pid}))); done
  [ "$when" = start ] && scrape "${so[@]}"
  echo "cpu_silos=$(cpu_ms "${sp[@]}")"
  echo "cpu_frontends=$(cpu_ms "${fp[@]}")"
  echo "cpu_azurite=$(cpu_ms "$(pids_of azurite)")"
  echo "cpu_simulator=$(cpu_ms "$(pids_of simulator)")"
  echo "switches_silos=$(switches "${sp[@]}")"
  [ "$when" = end ] && scrape "${so[@]}"
  echo "work_items=$(metric "${so[@]}" '^dotnet_thread_pool_work_item_count_total')"
  echo "jit_methods=$(metric "${so[@]}" '^dotnet_jit_compiled_methods_total')"
  echo "jit_ms=$(metric_ms "${so[@]}" '^dotnet_jit_compilation_time_seconds_total')"
  echo "hops=$(metric "${so[@]}" '^orleans_messaging_sent_messages_size_bytes_count.*SiloToSilo.*MessageDirection="(Request|OneWay)"')"
  echo "responses=$(metric "${so[@]}" '^orleans_messaging_sent_messages_size_bytes_count.*SiloToSilo.*MessageDirection="Response"')"
  echo "client_messages=$(metric "${so[@]}" '^orleans_messaging_received_messages_size_bytes_count.*GatewayToClient')"
  echo "activations=$(metric "${so[@]}" '^orleans_catalog_activation_created_total')"
  echo "registrations=$(metric "${so[@]}" '^orleans_directory_registrations_total')"
  echo "lookups=$(metric "${so[@]}" '^orleans_directory_lookups_cache_issued_total')"
  echo "lookup_hits=$(metric "${so[@]}" '^orleans_directory_lookups_cache_successes_total')"
  echo "completed=$(metric "${so[@]}" '^walletgateway_sessions_completed_total')"
  echo "storage_requests=$(metric "${so[@]}" '^walletgateway_storage_requests_total')"
  # Grain calls each silo received from another silo, by kind (GrainCallLocality): the card's grains, the directory, the rest.
  local kind
  for kind in gateway directory runtime; do
    echo "across_$kind=$(metric "${so[@]}" "^walletgateway_grain_calls_received_total.*(from=\"other-silo\".*kind=\"$kind\"|kind=\"$kind\".*from=\"other-silo\")")"
  done
  # The directory's calls by operation: from another silo, and from anywhere (a partition on the caller's own silo too).
  local op
  for op in Lookup Register Deregister; do
    echo "across_dir_$op=$(metric "${so[@]}" "^walletgateway_grain_calls_received_total.*from=\"other-silo\".*method=\"$op")"
    echo "all_dir_$op=$(metric "${so[@]}" "^walletgateway_grain_calls_received_total.*method=\"$op")"
  done
}

get() { echo "$1" | sed -nE "s/^$2=//p"; }

silo_cores() { # pid... -> the processor count each silo's runtime was told (DOTNET_PROCESSOR_COUNT), else every core
  local p n seen=()
  for p in "$@"; do
    n=$(tr '\0' '\n' < "/proc/$p/environ" 2>/dev/null | sed -n 's/^DOTNET_PROCESSOR_COUNT=//p')
    seen+=("${n:-$(nproc)}")
  done
  printf '%s\n' "${seen[@]}" | sort -u | paste -sd/ | sed 's|/| / |g'
}

campaign() { # name seconds gateways... -> starts it in the background (CAMPAIGN_PID)
  local name=$1 seconds=$2; shift 2
  local args=() g
  for g in "$@"; do args+=(--gateway "$g"); done
  setsid $LR run -s provision -l "inject:$RATE/s:${seconds}s" --no-live --name "$NAME/$name" --timeout 20s "${args[@]}" \
    > "$OUT/$name.log" 2>&1 &
  CAMPAIGN_PID=$!
}

ok_cards() { # report.md -> ok count of the provision scenario
  awk -F'|' '/^\| provision \| `/ { gsub(/ /, "", $5); print $5; exit }' "$1"
}

step_p99() { # report.md step -> p99 ms
  awk -F'|' -v s="$2" '{ gsub(/^ +| +$/, "", $3) } $2 ~ /provision/ && $3 == s { gsub(/ /, "", $11); print $11; exit }' "$1"
}

dotnet build -c Release loadtests/LoadRunner -nologo -v q -clp:ErrorsOnly >/dev/null || exit 1
ROWS=("layout (silos x frontends)" "cards ok / failed" "cards/s" "CPU ms/card: silos" "CPU ms/card: frontends"
  "**CPU ms/card: gateway (silos + frontends)**" "CPU ms/card: Azurite" "CPU ms/card: issuer simulator" "CPU ms/card: runner"
  "**cross-silo hops/card** (requests + one-ways)" "cross-silo responses/card" "frontend→silo messages/card"
  "activations/card" "p99 ms: open" "p99 ms: authenticate" "p99 ms: relay-1" "p99 ms: relay-2" "p99 ms: card"
  "idle gateway CPU ms/s (no card)" "**CPU ms/card above idle: gateway**" "idle cross-silo hops/s (no card)"
  "**cross-silo hops/card above idle**" "directory registrations/card" "directory lookups missing the cache/card"
  "cross-silo grain calls/card: the card's grains" "cross-silo grain calls/card: grain directory" "cross-silo grain calls/card: Orleans runtime"
  "directory lookups/registrations/deregistrations a card: from another silo" "directory lookups/registrations/deregistrations a card: all"
  "storage requests/card (the silos' Table clients)" "silos' thread switches/card (voluntary + involuntary)"
  "silos' thread-pool work items/card" "methods JIT-compiled by the silos during the campaign (per silo)"
  "JIT compilation ms/card (silos summed)" "CPU ms/card: the silos' tier-up compiler thread (read every second)"
  "CPU ms/card: gateway without that thread"
  "silos' CPU ms/card by thread: thread-pool workers / socket engine / timer / GC / tier-up compiler / other"
  "cores each silo's runtime sees (scripts/cluster.sh CLUSTER_SILO_CPUS)")
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || { echo "error: --repeat takes a count (1 or more)" >&2; exit 64; }
# The runs: each layout once per round; a run is named by its layout, and by its round too when there are several.
RUNS=()
reversed=$(echo "$LAYOUTS" | tr ' ' '\n' | tac | tr '\n' ' ')
for round in $(seq 1 "$REPEAT"); do
  order=$LAYOUTS; [ $((round % 2)) -eq 0 ] && order=$reversed
  for layout in $order; do
    if [ "$REPEAT" -eq 1 ]; then RUNS+=("$layout"); else RUNS+=("$layout#$round"); fi
  done
done
declare -A CELLS GATEWAY GATEWAY_ABOVE_IDLE GATEWAY_WITHOUT_TIERING
for run in "${RUNS[@]}"; do
  layout=${run%#*}; base=${layout%%+*}; shape=${base%%:*}; silos=${shape%x*}; fronts=${shape#*x}
  cpus=; [ "$base" != "$shape" ] && cpus=${base#*:}
  silo_env=; [ "$layout" != "$base" ] && silo_env=$(echo "${layout#"$base"+}" | tr '+' ' ')
  file=$(echo "$run" | sed 's/#/-r/; s/:/-/; s/[+=]/-/g')
  echo "==> $run: $silos silo(s), $fronts frontend(s)${cpus:+, silo CPUs $cpus}${silo_env:+, silo environment $silo_env}"
  $CLUSTER stop >/dev/null 2>&1
  rm -rf "$STATE"
  CLUSTER_SILO_ENV=${silo_env:-${CLUSTER_SILO_ENV:-}} CLUSTER_SILO_CPUS=${cpus:-${CLUSTER_SILO_CPUS:-share}} $CLUSTER start --silos "$silos" --frontends "$fronts" | tail -1 || exit 1
  gateways=()
  for j in $(seq 0 $((fronts - 1))); do gateways+=("http://127.0.0.1:$((5080 + j))"); done
  campaign "$file-warmup" "$WARMUP" "${gateways[@]}"
  wait "$CAMPAIGN_PID"; CAMPAIGN_PID=
  # Idle window: what the cluster costs with no card (membership probes, timers, dashboard, metrics).
  sleep 5
  idle0=$(sample start); sleep "$IDLE"; idle1=$(sample end)
  silo_pids=(); for f in "$STATE"/silo-*.pid; do silo_pids+=("$(cat "$f")"); done
  THREAD_BASE=(); THREAD_LAST=(); THREAD_GROUP=()
  before=$(sample start)
  threads_track first "${silo_pids[@]}"
  campaign "$file" "$DURATION" "${gateways[@]}"
  # The runner's own CPU: sampled every second while it runs (its last second is missed).
  while kill -0 "$CAMPAIGN_PID" 2>/dev/null; do
    runner_cpu=$(cpu_ms "$CAMPAIGN_PID"); threads_track next "${silo_pids[@]}"; sleep 1
  done
  wait "$CAMPAIGN_PID"; CAMPAIGN_PID=
  threads_track next "${silo_pids[@]}"
  after=$(sample end)
  report="$OUT/$file/report.md"
  [ -f "$report" ] || report=$(ls -d loadtests/reports/"$NAME"/"$file"*/report.md 2>/dev/null | head -1)
  ok=$(ok_cards "$report"); failed=$(awk -F'|' '/^\| provision \| `/ { gsub(/ /, "", $6); print $6; exit }' "$report")
  delta() { echo $(( $(get "$after" "$1") - $(get "$before" "$1") )); }
  idle() { echo $(( $(get "$idle1" "$1") - $(get "$idle0" "$1") )); }
  # What the campaign added above the idle cluster: delta - idle rate x the campaign's length.
  marginal() { awk -v d="$(delta "$1")" -v i="$(idle "$1")" -v t="$IDLE" -v c="$DURATION" 'BEGIN { printf "%.0f", d - i / t * c }'; }
  per() { awk -v a="$1" -v n="$ok" 'BEGIN { if (n > 0) printf "%.2f", a / n; else print "n/a" }'; }
  cs=$(delta cpu_silos); cf=$(delta cpu_frontends)
  CELLS["$run,0"]=$run
  CELLS["$run,1"]="$ok / $failed"
  CELLS["$run,2"]=$(awk -v n="$ok" -v d="$DURATION" 'BEGIN { printf "%.1f", n / d }')
  CELLS["$run,3"]=$(per "$cs"); CELLS["$run,4"]=$(per "$cf"); CELLS["$run,5"]="**$(per $((cs + cf)))**"
  CELLS["$run,6"]=$(per "$(delta cpu_azurite)"); CELLS["$run,7"]=$(per "$(delta cpu_simulator)")
  CELLS["$run,8"]=$(per "${runner_cpu:-0}")
  CELLS["$run,9"]="**$(per "$(delta hops)")**"; CELLS["$run,10"]=$(per "$(delta responses)")
  CELLS["$run,11"]=$(per "$(delta client_messages)"); CELLS["$run,12"]=$(per "$(delta activations)")
  CELLS["$run,13"]=$(step_p99 "$report" open); CELLS["$run,14"]=$(step_p99 "$report" authenticate)
  CELLS["$run,15"]=$(step_p99 "$report" relay-1); CELLS["$run,16"]=$(step_p99 "$report" relay-2)
  CELLS["$run,17"]=$(step_p99 "$report" "(iteration)")
  CELLS["$run,18"]=$(awk -v a="$(( $(idle cpu_silos) + $(idle cpu_frontends) ))" -v t="$IDLE" 'BEGIN { printf "%.0f", a / t }')
  CELLS["$run,19"]="**$(per $(( $(marginal cpu_silos) + $(marginal cpu_frontends) )))**"
  CELLS["$run,20"]=$(awk -v a="$(idle hops)" -v t="$IDLE" 'BEGIN { printf "%.1f", a / t }')
  CELLS["$run,21"]="**$(per "$(marginal hops)")**"
  CELLS["$run,22"]=$(per "$(delta registrations)")
  CELLS["$run,23"]=$(per $(( $(delta lookups) - $(delta lookup_hits) )))
  CELLS["$run,24"]="**$(per "$(delta across_gateway)")**"
  CELLS["$run,25"]=$(per "$(delta across_directory)"); CELLS["$run,26"]=$(per "$(delta across_runtime)")
  CELLS["$run,27"]="$(per "$(delta across_dir_Lookup)") / $(per "$(delta across_dir_Register)") / $(per "$(delta across_dir_Deregister)")"
  CELLS["$run,28"]="$(per "$(delta all_dir_Lookup)") / $(per "$(delta all_dir_Register)") / $(per "$(delta all_dir_Deregister)")"
  CELLS["$run,29"]=$(per "$(delta storage_requests)")
  CELLS["$run,30"]=$(per "$(delta switches_silos)"); CELLS["$run,31"]=$(per "$(delta work_items)")
  CELLS["$run,32"]=$(( $(delta jit_methods) / silos ))
  CELLS["$run,33"]=$(per "$(delta jit_ms)")
  tier=$(tiering_ms)
  CELLS["$run,34"]=$(per "$tier"); CELLS["$run,35"]=$(per $((cs + cf - tier)))
  by_thread=(); for group in $THREAD_GROUPS; do by_thread+=("$(per "$(thread_ms "$group")")"); done
  CELLS["$run,36"]=$(IFS=/; echo "${by_thread[*]}" | sed 's|/| / |g')
  CELLS["$run,37"]=$(silo_cores "${silo_pids[@]}")
  GATEWAY_WITHOUT_TIERING[$run]=$(per $((cs + cf - tier)))
  GATEWAY[$run]=$(per $((cs + cf)))
  GATEWAY_ABOVE_IDLE[$run]=$(per $(( $(marginal cpu_silos) + $(marginal cpu_frontends) )))
  echo "    $ok cards ok, $failed failed; gateway CPU $(per $((cs + cf))) ms/card; hops $(per "$(delta hops)")/card"
  $CLUSTER stop >/dev/null 2>&1
done

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
range() { printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }

# Per layout: the median gateway CPU a card over the rounds, and each round's ratio to the first layout of the same
# round (measured beside it), as a median and a range.
summary() {
  local first=${LAYOUTS%% *} layout round totals aboves ratios ratios_above ratios_untiered
  echo
  echo "Gateway CPU ms a card (silos + frontends) over $REPEAT round(s); ratio = a round's figure ÷ the same round's $first figure."
  echo
  echo "| layout | median, in total | ratio to $first: median (range) | median, above idle | ratio to $first above idle: median (range) | ratio to $first without the tier-up compiler thread: median (range) |"
  echo "|---|--:|--:|--:|--:|--:|"
  for layout in $LAYOUTS; do
    totals=(); aboves=(); ratios=(); ratios_above=(); ratios_untiered=()
    for round in $(seq 1 "$REPEAT"); do
      local run=$layout base=$first
      [ "$REPEAT" -gt 1 ] && { run="$layout#$round"; base="$first#$round"; }
      totals+=("${GATEWAY[$run]}"); aboves+=("${GATEWAY_ABOVE_IDLE[$run]}")
      ratios+=("$(ratio "${GATEWAY[$run]}" "${GATEWAY[$base]}")")
      ratios_above+=("$(ratio "${GATEWAY_ABOVE_IDLE[$run]}" "${GATEWAY_ABOVE_IDLE[$base]}")")
      ratios_untiered+=("$(ratio "${GATEWAY_WITHOUT_TIERING[$run]}" "${GATEWAY_WITHOUT_TIERING[$base]}")")
    done
    echo "| $layout | $(median "${totals[@]}") | $(median "${ratios[@]}")× ($(range "${ratios[@]}")) | $(median "${aboves[@]}") | $(median "${ratios_above[@]}")× ($(range "${ratios_above[@]}")) | $(median "${ratios_untiered[@]}")× ($(range "${ratios_untiered[@]}")) |"
  done
}

{
  echo "# Cluster efficiency \`$NAME\`"
  echo
  echo "$(date -u '+%F %TZ') on $(nproc) cores; \`scripts/efficiency.sh --layouts \"$LAYOUTS\" --rate $RATE --duration $DURATION --warmup $WARMUP --idle $IDLE --repeat $REPEAT --name $NAME\`${CHANGED:+ with \`${CHANGED# }\`}."
  echo "Offered load inject:$RATE/s for ${DURATION}s after a ${WARMUP}s warm-up campaign and a ${IDLE}s idle window; per card = delta over the measured campaign ÷ cards ok; *above idle* subtracts the idle window's rate × ${DURATION}s first."
  echo
  header="|"; sep="|"
  for i in "${!ROWS[@]}"; do
    line="| ${ROWS[$i]} |"
    for run in "${RUNS[@]}"; do line+=" ${CELLS[$run,$i]} |"; done
    if [ "$i" -eq 0 ]; then
      echo "$line"; sep="|---|"; for _ in "${RUNS[@]}"; do sep+="--:|"; done; echo "$sep"
    else
      echo "$line"
    fi
  done
  summary
} > "$OUT/efficiency.md"
cat "$OUT/efficiency.md"
