using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>The outbox as the device status reports it: telemetry and unacknowledged deposits together, and how full it is.</summary>
public sealed class OutboxGauge(TelemetryOutbox telemetry, DepositOutbox deposits, IOptions<OutboxOptions> options)
{
    public OutboxFigures Figures()
    {
        var waitingTelemetry = telemetry.Figures();
        var waitingDeposits = deposits.Figures();
        return new OutboxFigures
        {
            Depth = waitingTelemetry.Depth + waitingDeposits.Depth,
            Bytes = waitingTelemetry.Bytes + waitingDeposits.Bytes,
            OldestS = Math.Max(waitingTelemetry.OldestSeconds, waitingDeposits.OldestSeconds),
            Dropped = waitingTelemetry.Dropped,
        };
    }

    /// <summary>The share of the telemetry cap in use, 0 to 1.</summary>
    public double FillFraction => (double)telemetry.Figures().Bytes / telemetry.MaxBytes;

    /// <summary>True past <see cref="OutboxOptions.WarnAtFraction"/> of the cap: the status and the operator are warned.</summary>
    public bool IsNearlyFull => FillFraction >= options.Value.WarnAtFraction;
}
