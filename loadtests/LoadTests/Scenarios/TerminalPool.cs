using System.Diagnostics;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// Honest terminals: each iteration takes the least recently used device that has rested
/// (<see cref="GatewayTarget.DeviceReuseGap"/>), so no honest device exceeds the gateway's per-device budget.
/// When none has rested, a new device registers inside the iteration (step <c>register-device</c>, counted).
/// New devices take the frontends of <see cref="GatewayTarget.Frontends"/> in turn (round-robin).
/// </summary>
public sealed class TerminalPool(GatewayTarget target)
{
    private readonly Queue<VirtualTerminal> _idle = new();
    private readonly Lock _lock = new();
    private int _registered;
    private int _nextFrontend = -1; // the turn of the last registration; wraps harmlessly (unsigned modulo)

    public int Registered => Volatile.Read(ref _registered);

    public static int Size(IReadOnlyList<LoadSimulation> plan, long? maxIterations, GatewayTarget target)
    {
        if (target.Terminals is { } n)
        {
            return n;
        }

        // A terminal holding its final relay is busy that much longer before it may open again.
        var perDevice = (target.DeviceReuseGap + target.HoldFinalRelay).TotalSeconds;
        var size = (LoadSimulation.PeakRate(plan) * perDevice * 1.2) + (LoadSimulation.PeakCopies(plan) * 4) + 4;
        if (maxIterations is { } max)
        {
            size = Math.Min(size, max + 1);
        }

        return (int)Math.Clamp(Math.Ceiling(size), 1, 3000);
    }

    /// <summary>Registers devices before the load (not measured), 16 at a time, until the pool holds <paramref name="count"/>.</summary>
    public async Task FillAsync(int count, CancellationToken ct)
    {
        int idle;
        lock (_lock)
        {
            idle = _idle.Count;
        }

        var registered = new System.Collections.Concurrent.ConcurrentBag<(int Number, VirtualTerminal Terminal)>();
        await Parallel.ForAsync(0, Math.Max(0, count - idle), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (_, token) =>
            registered.Add(await RegisterWithRetryAsync(token)));
        // In the order the frontends were handed out, not the order the answers came: a slower frontend's devices would
        // otherwise queue behind the faster one's, and a short campaign would never reach it.
        lock (_lock)
        {
            foreach (var (_, terminal) in registered.OrderBy(r => r.Number))
            {
                _idle.Enqueue(terminal);
            }
        }
    }

    public async Task<VirtualTerminal> TakeAsync(IterationContext context)
    {
        lock (_lock)
        {
            if (_idle.TryPeek(out var head) && head.RestedAt <= Stopwatch.GetTimestamp())
            {
                return _idle.Dequeue();
            }
        }

        return await context.StepAsync("register-device", (_, ct) => RegisterAsync(ct), "201");
    }

    public void Return(VirtualTerminal terminal, long sessionOpenedAt)
    {
        terminal.RestedAt = sessionOpenedAt + (long)(target.DeviceReuseGap.TotalSeconds * Stopwatch.Frequency);
        lock (_lock)
        {
            _idle.Enqueue(terminal);
        }
    }

    public async Task<VirtualTerminal> RegisterAsync(CancellationToken ct) => (await RegisterNumberedAsync(ct)).Terminal;

    /// <summary>Registers a device on the next frontend in turn; <c>Number</c> says which turn it was.</summary>
    private async Task<(int Number, VirtualTerminal Terminal)> RegisterNumberedAsync(CancellationToken ct)
    {
        var number = Interlocked.Increment(ref _nextFrontend);
        var frontend = (int)((uint)number % (uint)target.FrontendClients.Count);
        var registration = await target.FrontendClients[frontend].RegisterDeviceAsync("loadrunner virtual terminal", "1.0", ct);
        Interlocked.Increment(ref _registered);
        var chip = SoftSecureElement.CreateRandom(target.MasterKey);
        target.Chips?.Track(chip);
        return (number, new VirtualTerminal(registration.DeviceToken, chip, frontend));
    }

    private async Task<(int Number, VirtualTerminal Terminal)> RegisterWithRetryAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterNumberedAsync(ct);
            }
            catch (GatewayProblemException problem) when (problem.Status is 429 or 503 && attempt < 120)
            {
                await Task.Delay(problem.RetryAfter ?? TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
