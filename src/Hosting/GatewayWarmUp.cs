using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Core.Internal;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Sessions;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;

namespace WalletGateway.Hosting;

/// <summary>
/// Runs a silo's hot paths before <c>/readyz</c> says ready (<see cref="WarmUpReadyCheck"/>), so the first terminals a new
/// silo takes do not pay for the JIT (seconds per card in a cold process): whole SCP03 personalisations in memory against
/// the software secure element under a throwaway key, and the session, device and chip grain calls of a session that
/// opens and ends, on throwaway ids, touching no storage and no issuer. Whatever fails is logged and ends the warm-up:
/// it never keeps a silo from becoming ready.
/// </summary>
public sealed partial class GatewayWarmUp(IGrainFactory grains, IOptions<SessionOptions> sessions, ILogger<GatewayWarmUp> logger)
    : BackgroundService
{
    // Enough calls for the tiered JIT to count the hot methods and promote them (30 calls each), in well under a second warm.
    private const int Personalizations = 40;
    private const int GrainRounds = 40;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the warm-up ran (or gave up).</summary>
    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>True once the warm-up ran to its end.</summary>
    public bool Succeeded { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            Personalize(Personalizations, sessions.Value.MaxApdusPerStep);
            await CallGrainsAsync(GrainRounds, stoppingToken);
            Succeeded = !stoppingToken.IsCancellationRequested;
            LogWarmedUp(logger, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmUpFailed(logger, e.GetType().Name, e.Message);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private static void Personalize(int count, int maxApdusPerStep)
    {
        var masterKey = RandomNumberGenerator.GetBytes(16);
        var card = new CardData("4999120000000000", "2030-12", "WARM UP", RandomNumberGenerator.GetBytes(16), "warm-up", "warm-up");
        for (var i = 0; i < count; i++)
        {
            var chip = SoftSecureElement.CreateRandom(masterKey);
            var kdd = Convert.FromHexString(chip.ChipId);
            var script = new PersonalizationScript(ChipKeys.Derive(masterKey, kdd), kdd, card, maxApdusPerStep, RandomNumberGenerator.GetBytes(8));
            var step = script.Start();
            while (step.Kind == ScriptStepKind.SendApdus)
            {
                // As a session and a terminal do: APDUs out as hex, responses back as hex.
                var responses = step.Apdus.Select(a => Hex.Format(chip.Transmit(Hex.Parse(Hex.Format(a))))).ToList();
                step = script.Next([.. responses.Select(Hex.Parse)]);
            }

            if (step.Kind != ScriptStepKind.Done)
            {
                throw new InvalidOperationException($"The warm-up personalisation did not complete: {step.FailureReason}");
            }
        }
    }

    private async Task CallGrainsAsync(int rounds, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow.AddMinutes(1);
        for (var i = 0; i < rounds && !cancellationToken.IsCancellationRequested; i++)
        {
            var (sessionId, deviceId, chipId) = (Guid.NewGuid(), Guid.NewGuid().ToString("N"), Convert.ToHexString(RandomNumberGenerator.GetBytes(10)));
            var device = grains.GetGrain<IDeviceGrain>(deviceId);
            var chip = grains.GetGrain<IChipGrain>(chipId);
            var session = grains.GetGrain<ITerminalSessionGrain>(sessionId);
            await grains.GetGrain<IIssuerCatalogGrain>(0).ListAsync();
            await device.BeginSessionAsync(sessionId, until);
            await chip.ClaimAsync(sessionId, deviceId, until);
            await session.ExpireIfDueAsync();
            await chip.ReleaseAsync(sessionId);
            await device.EndSessionAsync(sessionId);
            foreach (var used in new IAddressable[] { device, chip, session })
            {
                await used.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
            }
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Warmed up in {ElapsedMs} ms; ready for terminals")]
    private static partial void LogWarmedUp(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Warm-up stopped early ({Error}: {Message}); ready anyway, the first cards pay the JIT")]
    private static partial void LogWarmUpFailed(ILogger logger, string error, string message);
}
