#!/usr/bin/env bash
# The capacity plan's arithmetic: reads the input tables of docs/capacity.md (rows "| `id` | value | ... |" between
# <!-- capacity:inputs --> and <!-- /capacity:inputs -->) and prints the plan table.
#   scripts/capacity.sh            print the plan table
#   scripts/capacity.sh --write    replace the table between <!-- capacity:plan --> and <!-- /capacity:plan --> in the doc
# CapacityPlanTests fails when the doc's table is not this script's output for the doc's inputs.
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DOC="${CAPACITY_DOC:-$ROOT/docs/capacity.md}"

plan() {
  awk '
    /<!-- capacity:inputs -->/ { inside = 1; next }
    /<!-- \/capacity:inputs -->/ { inside = 0; next }
    inside && $0 ~ /^\| `[a-z_]+` \|/ {
      split($0, cell, "|"); id = cell[2]; gsub(/[ `]/, "", id); v = cell[3]; gsub(/[ ,]/, "", v)
      if (v !~ /^[0-9]+(\.[0-9]+)?$/) { printf "capacity.sh: input %s is not a number: %s\n", id, v > "/dev/stderr"; bad = 1 }
      in_[id] = v + 0
    }
    function need(id) {
      if (!(id in in_)) { printf "capacity.sh: input %s is missing\n", id > "/dev/stderr"; bad = 1; return 1 }
      return in_[id]
    }
    function ceil(x) { return (x == int(x)) ? x : int(x) + 1 }
    function max(a, b) { return a > b ? a : b }
    function row(name, a, b, c) { printf "| %s | %s | %s | %s |\n", name, a, b, c }
    function n(x) { return sprintf("%d", x) }
    function d1(x) { return sprintf("%.1f", x) }
    END {
      util = need("target_cpu"); silo_ms = need("silo_cpu_ms"); fe_ms = need("frontend_cpu_ms")
      silo_cores = need("silo_pod_cores"); fe_cores = need("frontend_pod_cores")
      min_silos = need("min_silos"); min_fe = need("min_frontends")
      ent = need("entities_per_card"); req = need("requests_per_card"); http = need("http_requests_per_card")
      calls = need("issuer_calls_per_card"); share = need("largest_issuer_share"); lat = need("issuer_latency_s")
      part_max = need("partition_entities_s"); acct_max = need("account_entities_s")
      sess_s = need("session_s"); sess_kb = need("session_kb"); chip_parts = need("chip_index_partitions")
      if (bad) { exit 2 }
      rates[1] = 1000; rates[2] = 10000; rates[3] = 100000
      for (i = 1; i <= 3; i++) {
        r = rates[i]
        silo_busy[i] = r * silo_ms / 1000
        silos[i] = max(min_silos, ceil(silo_busy[i] / util / silo_cores) + 1)
        fe_busy[i] = r * fe_ms / 1000
        fes[i] = max(min_fe, ceil(fe_busy[i] / util / fe_cores) + 1)
        http_s[i] = r * http
        ent_s[i] = r * ent
        req_s[i] = r * req
        parts[i] = ceil(ent_s[i] / (part_max * util))
        accts[i] = ceil(ent_s[i] / (acct_max * util))
        calls_s[i] = r * calls
        top_s[i] = calls_s[i] * share
        top_ceiling[i] = ceil(top_s[i] / util)
        top_inflight[i] = ceil(top_s[i] * lat / util)
        live[i] = r * sess_s
        live_mb[i] = live[i] * sess_kb / 1024 / (silos[i] - 1)
      }
      print "| | 1k cards/s | 10k cards/s | 100k cards/s |"
      print "|---|--:|--:|--:|"
      row("silo cores busy", d1(silo_busy[1]), d1(silo_busy[2]), d1(silo_busy[3]))
      row("**silos** (N+1, " silo_cores " cores each)", n(silos[1]), n(silos[2]), n(silos[3]))
      row("frontend cores busy", d1(fe_busy[1]), d1(fe_busy[2]), d1(fe_busy[3]))
      row("**frontends** (N+1, " fe_cores " cores each)", n(fes[1]), n(fes[2]), n(fes[3]))
      row("terminal HTTP requests/s", n(http_s[1]), n(http_s[2]), n(http_s[3]))
      row("storage entities/s", n(ent_s[1]), n(ent_s[2]), n(ent_s[3]))
      row("storage requests/s", n(req_s[1]), n(req_s[2]), n(req_s[3]))
      row("**storage partitions**", n(parts[1]), n(parts[2]), n(parts[3]))
      row("**storage accounts**", n(accts[1]), n(accts[2]), n(accts[3]))
      row("issuer calls/s, all issuers", n(calls_s[1]), n(calls_s[2]), n(calls_s[3]))
      row("issuer calls/s, largest issuer", n(top_s[1]), n(top_s[2]), n(top_s[3]))
      row("**largest issuer MaxCallsPerSecond**", n(top_ceiling[1]), n(top_ceiling[2]), n(top_ceiling[3]))
      row("**largest issuer MaxConcurrentCalls**", n(top_inflight[1]), n(top_inflight[2]), n(top_inflight[3]))
      row("live sessions", n(live[1]), n(live[2]), n(live[3]))
      row("session memory per silo, MB (one silo down)", d1(live_mb[1]), d1(live_mb[2]), d1(live_mb[3]))
      print ""
      print "| per pod or part, at the target | value |"
      print "|---|--:|"
      printf "| cards/s per silo (silo HPA target) | %d |\n", silo_cores * 1000 * util / silo_ms
      printf "| cards/s per frontend | %d |\n", fe_cores * 1000 * util / fe_ms
      printf "| terminal HTTP requests/s per frontend (frontend HPA target) | %d |\n", fe_cores * 1000 * util / fe_ms * http
      printf "| cards/s the chip index carries (one row a card, fixed partitions) | %d |\n", chip_parts * part_max * util
    }
  ' "$DOC"
}

case "${1:-}" in
  "") plan ;;
  --write)
    table="$(plan)"
    awk -v table="$table" '
      /<!-- capacity:plan -->/ { print; print table; skip = 1; next }
      /<!-- \/capacity:plan -->/ { skip = 0 }
      !skip { print }
    ' "$DOC" > "$DOC.tmp" && mv "$DOC.tmp" "$DOC"
    ;;
  *) echo "usage: $0 [--write]" >&2; exit 2 ;;
esac
