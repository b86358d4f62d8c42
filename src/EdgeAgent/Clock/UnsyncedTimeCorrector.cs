using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Clock;

/// <summary>When the clock becomes trusted, gives the readings and deposits held back meanwhile their real times.</summary>
internal sealed class UnsyncedTimeCorrector : IHostedService
{
    public UnsyncedTimeCorrector(ClockTrust clock, TelemetryOutbox telemetry, DepositOutbox deposits, CorrectionOutbox corrections, ILogger<UnsyncedTimeCorrector> logger)
    {
        // Deposits before corrections: a correction takes the voided deposit's corrected time.
        clock.Trusted += () => Log.TimesCorrected(
            logger, telemetry.CorrectUnsyncedTimes(), deposits.CorrectUnsyncedTimes() + corrections.CorrectUnsyncedTimes());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
