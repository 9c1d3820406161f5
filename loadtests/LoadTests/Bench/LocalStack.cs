namespace WalletGateway.LoadTests;

/// <summary>
/// <c>--stack</c>: the whole local stack for the length of a campaign. Starts <c>./run.sh</c> as a child process
/// (it builds, starts Azurite, the simulator and the gateway), waits for the gateway's <c>/readyz</c>, and at the
/// end sends SIGTERM to that one PID; run.sh's trap stops what it started.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private readonly ChildProcess _runSh;

    private LocalStack(ChildProcess runSh) => _runSh = runSh;

    public int Pid => _runSh.Pid;

    public static async Task<LocalStack> StartAsync(string root, string logPath, Uri gateway, TimeSpan timeout, Action<string> say, CancellationToken ct)
    {
        var script = Path.GetFullPath(Path.Combine(root, "run.sh"));
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"--stack needs run.sh; none at {script} (use --root).", script);
        }

        var runSh = ChildProcess.Start("bash", [script], Path.GetDirectoryName(script)!, logPath);
        say($"Started ./run.sh (PID {runSh.Pid}); its output goes to {logPath}");
        var stack = new LocalStack(runSh);
        try
        {
            await runSh.WaitForUrlAsync(new Uri(gateway, "readyz"), timeout, ct);
            say("The stack is ready.");
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _runSh.DisposeAsync();
}
