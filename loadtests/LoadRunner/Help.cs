namespace WalletGateway.LoadTests.Runner;

internal static class Help
{
    public static int Print()
    {
        Console.WriteLine("""
            loadrunner — load campaigns against WalletGateway (open model without coordinated omission)

            loadrunner run [options]            a campaign against a running gateway (or --stack)
              --config FILE                     JSON with the same names (scenario, load, thresholds, ...); options override it
              -s, --scenario NAME               provision | retry-storm | abusive-device | tamper | slow-issuer | phone-change
                                                phone-change: per iteration a card written to phone A, removed from A (DF71
                                                verified), a new one-time code, written to phone B; then the invariant check
              -l, --load PLAN                   e.g. inject:20/s:30s  ramping-inject:50/s:20s,inject:50/s:30s
                                                keep-constant:8:30s  ramping-constant:16:20s  pause:5s
              -n, --iterations N                stop starting after N iterations (a count-bounded run)
              -t, --threshold RULE              repeatable: 'p99 < 200ms'  'fail-rate < 1%'  'authenticate:p95 < 1s'
                                                'ok-rate >= 20/s'  'dropped == 0'  'late < 1%'
              --abort-on-breach                 stop at the first breach seen while running
              --name NAME                       report folder loadtests/reports/NAME (default scenario-timestamp)
              --gateway URL --simulator URL     default http://127.0.0.1:5080/ and http://127.0.0.1:5090/
                                                --gateway repeatable or a comma list (URL,URL): the virtual terminals spread
                                                round-robin over the frontends, each session on its terminal's frontend; the
                                                report shows "requests via frontend N (URL)"
              --issuer ID                       default demo-card
              --api-key KEY                     operator key for the invariant check (default dev-admin-key)
              --stack                           start ./run.sh for the campaign, stop it (SIGTERM to its PID) afterwards
              --max-in-flight N                 open model: due starts beyond N running are dropped (counted); default 2000
              --late-after DUR                  a start this far behind its intended time is late (counted); default 100ms
              --timeout DUR --drain-timeout DUR per request (30s); after the plan ends (30s)
              --terminals N --members N         pool sizes (default: from the plan)
              --device-reuse-gap DUR            an honest device opens a session at most every DUR (3.3s; the gateway allows 20/min)
              --issuer-latency DUR              slow-issuer: injected latency (500ms)
              --save-chips DIR                  keep every virtual terminal's chip and the cards reported active (for invariants)
              --abuse-factor X                  abusive-device: abuser rate = X times the honest rate (10)
              --hold-final-relay DUR            provision: the chip took the last STORE DATA block; wait DUR before the final
                                                relay (0s), so many sessions sit with their card data out (scripts/faults.sh kill-final)
              --no-live                         plain progress lines instead of the live table
            loadrunner serve-bare [--port 5099] a bare Kestrel answering POST /bare
            loadrunner bare [--port 5099] [--load keep-constant:64:10s]
                                                starts serve-bare as a child process and drives it with the runner
            loadrunner azurite [--azurite-port 10200] [--load keep-constant:64:10s] [--batch 100]
                                                starts its own Azurite (node_modules/.bin/azurite), single upserts vs batches
            loadrunner knee [--stack] [--start 10] [--factor 1.5] [--stage 10s] [--max-p99 1s] [--max-fail 1%]
                                                provision at rising open rates until p99, failures or drops blow up; then half that rate
            loadrunner bench [--stack] [--repeat 3] all of the above side by side, medians in reports/NAME/summary.md
            loadrunner sustain [--stack] [--devices new|reused|both] [--duration 5m] [--terminals 48 | --rate R] [--window 60s]
                               [--gateway URL[,URL]]... terminals spread over the frontends as in run (--stack: the first)
                                                sustained provision per device case (new: a device registered per card; reused:
                                                a pool, --pool N), one after the other; per window (first minute, then steady;
                                                or every --window): cards/s, failed sessions, p50/p99 per step and per card, and
                                                per card: CPU ms of each process (found by listening port: gateway, --silo-ops-ports
                                                LIST, --azurite-port 10002, simulator; or --pid NAME=PID), Table requests by table
                                                and op, storage HTTP requests by method, log lines, exceptions, KB allocated
                                                (scraped from --ops-port 9090 and the silo ops ports). --members N. A running
                                                stack needs WalletGateway__Edge__DeviceRegistrationsPerMinutePerAddress=1000000
                                                for new devices above 10/s (--stack sets it). Tables: reports/NAME/sustain.md, .json
            loadrunner invariants --chips DIR [--gateway URL] [--api-key KEY] [--wait-leases DUR]
                                                (--gateway as in run; the records are read through the first frontend)
                                                compares the chips a campaign saved (run --save-chips DIR) with the durable card
                                                records: no card on two chips (a lost phone's copy with its removal pending
                                                counted apart), reported active = durably active there, reported removed =
                                                off that chip and not bound to it, no overdue lease; violations are checked
                                                again for up to 10 s (a card's chip index row is written within a second of
                                                its answer)
                                                --wait-leases DUR: check again until no lease runs and no violation is left

            Exit code: 0 all thresholds held; 1 a threshold failed; 2 aborted or cancelled; 3 nothing to run against; 64 usage.
            Reports: loadtests/reports/NAME/report.html, report.md, steps.csv, timeseries.csv, report.json
            """);
        return 0;
    }
}
