using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>How much the outbox may hold while the city is out of reach: section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// Telemetry kept while offline, in bytes of sample JSON; past it the oldest telemetry goes first (counted in
    /// <c>outbox.dropped</c>). Deposits are never dropped and do not count against it. 256 MiB is weeks of a park kit.
    /// </summary>
    [Range(64 * 1024, long.MaxValue)]
    public long MaxTelemetryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Telemetry older than this is dropped (counted): after a month offline, a reading is history, not news.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan MaxTelemetryAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The device status and the operator are warned when the outbox passes this fraction of its cap.</summary>
    [Range(0.1, 1.0)]
    public double WarnAtFraction { get; set; } = 0.8;

    /// <summary>
    /// A deposit the broker took but the city has not acknowledged as stored is sent again after this wait, doubling
    /// each time up to <see cref="DepositResendMax"/>. Sending again is harmless: InfluxDB keeps one point per deposit.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DepositAckTimeout { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DepositResendMax { get; set; } = TimeSpan.FromHours(6);
}
