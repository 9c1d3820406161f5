namespace WalletGateway.LoadTests.Dsl;

/// <summary>Load simulations as NBomber writes them, turned into our <see cref="LoadSimulation"/> stages.</summary>
public static class Simulation
{
    /// <summary>Open model: <paramref name="rate"/> starts every <paramref name="interval"/>, whatever the answers take.</summary>
    public static LoadSimulation Inject(int rate, TimeSpan interval, TimeSpan during) => LoadSimulation.Inject(PerSecond(rate, interval), during);

    /// <summary>Open model: the start rate moves linearly from the previous stage's to <paramref name="rate"/> per <paramref name="interval"/>.</summary>
    public static LoadSimulation RampingInject(int rate, TimeSpan interval, TimeSpan during) => LoadSimulation.RampingInject(PerSecond(rate, interval), during);

    /// <summary>Closed model: <paramref name="copies"/> iterations running at once, each starting again when it ends.</summary>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during) =>
        copies >= 0 ? LoadSimulation.KeepConstant(copies, during) : throw new ArgumentOutOfRangeException(nameof(copies));

    /// <summary>Closed model: the copies move linearly from the previous stage's to <paramref name="copies"/>.</summary>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during) =>
        copies >= 0 ? LoadSimulation.RampingConstant(copies, during) : throw new ArgumentOutOfRangeException(nameof(copies));

    public static LoadSimulation Pause(TimeSpan during) => LoadSimulation.Pause(during);

    private static double PerSecond(int rate, TimeSpan interval) =>
        rate >= 0 && interval > TimeSpan.Zero
            ? rate / interval.TotalSeconds
            : throw new ArgumentOutOfRangeException(nameof(interval), "A rate of 0 or more per interval above zero.");
}
