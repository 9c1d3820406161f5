using System.Diagnostics;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

// Step latency and outcome for every step (walletgateway.session.step.duration).
public sealed partial class TerminalSessionGrain
{
    public Task<SessionView> OpenAsync(string deviceId, string issuerId, string chipId) =>
        TimedAsync("open", () => OpenCoreAsync(deviceId, issuerId, chipId));

    public Task<StepResponse> AuthenticateAsync(string deviceId, int seq, string memberId, string accessCode) =>
        TimedAsync("authenticate", () => AuthenticateCoreAsync(deviceId, seq, memberId, accessCode));

    public Task<StepResponse> RelayAsync(string deviceId, int seq, IReadOnlyList<string> responses) =>
        TimedAsync("relay", () => RelayCoreAsync(deviceId, seq, responses));

    private async Task<T> TimedAsync<T>(string step, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await run();
            outcome = "ok";
            return result;
        }
        catch (GatewayException e)
        {
            outcome = e.Error.ToString();
            throw;
        }
        finally
        {
            metrics.Step(step, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
