using System.Diagnostics;
using System.Runtime.InteropServices;

namespace WalletGateway.LoadTests;

/// <summary>
/// A process this runner started, with its output in a log file. Stopped by its own PID only: SIGTERM, then
/// SIGKILL if it has not exited after a grace period.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;
    private const int SigKill = 9;
    private readonly Process _process;
    private readonly Task _pump;

    private ChildProcess(Process process, Task pump)
    {
        _process = process;
        _pump = pump;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first signal sent on stop: SIGTERM, or SIGINT for programs that only shut down cleanly on it (Azurite).</summary>
    public int StopSignal { get; set; } = SigTerm;

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var pump = Task.WhenAll(Copy(process.StandardOutput, log), Copy(process.StandardError, log))
            .ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
        return new ChildProcess(process, pump);
    }

    /// <summary>Polls <paramref name="url"/> until it answers a success status, the process exits, or the time is up.</summary>
    public async Task WaitForUrlAsync(Uri url, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"PID {Pid} exited with {_process.ExitCode} before {url} answered (see its log).");
            }

            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"{url} did not answer within {timeout.TotalSeconds:0} s.");
    }

    /// <summary>Polls until something listens on the TCP port.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"PID {Pid} exited with {_process.ExitCode} before it listened on {port} (see its log).");
            }

            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(250, ct);
            }
        }

        throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, StopSignal);
            using var wait = new CancellationTokenSource(StopGrace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _ = Kill(_process.Id, SigKill);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await _pump;
        _process.Dispose();
    }

    private static async Task Copy(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to)
            {
                to.WriteLine(line);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
