using System.Diagnostics;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// Times the steps of terminal sessions (<c>walletgateway.session.step.duration</c>): open, authenticate,
/// remove and relay calls to <see cref="ITerminalSessionGrain"/>, with their outcome: "ok", the
/// <see cref="GatewayError"/> of a refusal, or "error". A silo-wide incoming call filter; other calls pass.
/// </summary>
internal sealed class SessionStepTimingFilter(SessionMetrics metrics) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        context.Request.GetInterfaceType() == typeof(ITerminalSessionGrain) && StepOf(context.MethodName) is { } step
            ? TimeAsync(context, step)
            : context.Invoke();

    private async Task TimeAsync(IIncomingGrainCallContext context, string step)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            await context.Invoke();
            outcome = "ok";
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

    private static string? StepOf(string method) => method switch
    {
        nameof(ITerminalSessionGrain.OpenAsync) => "open",
        nameof(ITerminalSessionGrain.AuthenticateAsync) => "authenticate",
        nameof(ITerminalSessionGrain.RemoveAsync) => "remove",
        nameof(ITerminalSessionGrain.RelayAsync) => "relay",
        _ => null,
    };
}
