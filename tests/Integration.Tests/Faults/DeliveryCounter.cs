using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// Compares a device's ledger with what InfluxDB holds for its site.
/// <para>
/// InfluxDB keeps one point per measurement, tag set and time: a message written twice leaves the same points, so a
/// resend is invisible there, and a duplicate can only show as a second point at another time. For deposits the
/// time and the id travel together, so a deposit counted twice is two rows with one deposit_id (or a deposit_id the
/// device never recorded). Samples carry no id: a sample is its (sensor, time), and every sample of these devices has
/// its own millisecond (a sensor samples at most once a second), so a sample stored twice can only be a point more
/// than the device produced, and two samples merged into one point can only be a point fewer. A sample may be both
/// waiting and stored: sent, written, and its confirmation cut short by the stop or the fault (it will be sent again
/// and overwrite itself). So: expected = taken − dropped − waiting; stored beyond the waiting ones = stored points −
/// waiting samples InfluxDB already has; lost = expected − that, duplicated = that − expected, when positive.
/// </para>
/// </summary>
public static class DeliveryCounter
{
    /// <summary>The measurement the emulated BME280s' samples go to: the only telemetry these devices send.</summary>
    public const string TelemetryMeasurement = "environment";

    /// <summary>
    /// Counts once the device's ledger is final (the agent stopped, or drained and idle). A count that finds something
    /// lost is taken again a few times, a second apart, and the last one kept: a loss that is still there is real, and one
    /// that went away (InfluxDB answering before a write showed) is reported in <see cref="FaultOutcome.Recounts"/>.
    /// </summary>
    public static async Task<FaultOutcome> CountAsync(InfluxQl influx, string database, string site, AgentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(ledger);
        var outcome = await CountOnceAsync(influx, database, site, ledger).ConfigureAwait(false);
        var recounts = new List<string>();
        for (var recount = 0; recount < 3 && (outcome.Deposits.Lost > 0 || outcome.Telemetry.Lost > 0); recount++)
        {
            recounts.Add($"lost {outcome.Deposits.Lost} deposits and {outcome.Telemetry.Lost} samples at count {recount + 1}");
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            outcome = await CountOnceAsync(influx, database, site, ledger).ConfigureAwait(false);
        }

        if (outcome.Telemetry.Lost > 0)
        {
            recounts.Add($"gaps in the stored telemetry: {await TelemetryGapsAsync(influx, database, site).ConfigureAwait(false)}");
        }

        return outcome with { Recounts = recounts };
    }

    private static async Task<FaultOutcome> CountOnceAsync(InfluxQl influx, string database, string site, AgentLedger ledger)
    {
        var depositRows = await DepositIdsAsync(influx, database, site).ConfigureAwait(false);
        var telemetryPoints = await TelemetrySamplesAsync(influx, database, site).ConfigureAwait(false);
        return new FaultOutcome(CountDeposits(ledger, depositRows), CountTelemetry(ledger, telemetryPoints), ledger);
    }

    /// <summary>Every telemetry point of the site, as (sensor, time): what identifies a sample in InfluxDB.</summary>
    public static async Task<IReadOnlySet<SampleKey>> TelemetrySamplesAsync(InfluxQl influx, string database, string site)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(
            database,
            $"SELECT \"temperature_c\" FROM {InfluxQl.QuoteIdentifier(TelemetryMeasurement)} WHERE \"site\" = {Literal(site)} GROUP BY \"sensor\"").ConfigureAwait(false);
        return series.SelectMany(one => one.Rows.Select(r => new SampleKey(one.Tags.GetValueOrDefault("sensor") ?? string.Empty, r["time"].GetInt64()))).ToHashSet();
    }

    /// <summary>
    /// Where a sensor's stored samples are further apart than one and a half times its usual spacing: the moments a
    /// lost sample was taken, to tell a failing test's reader where to look in the services' logs.
    /// </summary>
    public static async Task<string> TelemetryGapsAsync(InfluxQl influx, string database, string site)
    {
        var gaps = new List<string>();
        foreach (var sensor in (await TelemetrySamplesAsync(influx, database, site).ConfigureAwait(false)).GroupBy(s => s.Sensor))
        {
            var times = sensor.Select(s => s.TimeMs).Order().ToList();
            var spacings = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
            if (spacings.Count == 0)
            {
                continue;
            }

            var usual = spacings.Order().ElementAt(spacings.Count / 2);
            for (var i = 0; i < spacings.Count; i++)
            {
                if (spacings[i] > usual * 3 / 2)
                {
                    gaps.Add($"{sensor.Key} {DateTimeOffset.FromUnixTimeMilliseconds(times[i]):HH:mm:ss.fff}–{DateTimeOffset.FromUnixTimeMilliseconds(times[i + 1]):HH:mm:ss.fff}");
                }
            }
        }

        return gaps.Count == 0 ? "none (the lost samples were at the ends)" : string.Join(", ", gaps);
    }

    /// <summary>The deposit_id of every deposit row of the site, one entry per row.</summary>
    public static async Task<IReadOnlyList<string>> DepositIdsAsync(InfluxQl influx, string database, string site)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(database, $"SELECT \"deposit_id\" FROM \"deposit\" WHERE \"site\" = {Literal(site)}").ConfigureAwait(false);
        return [.. series.SelectMany(s => s.Rows).Select(r => r["deposit_id"].GetString()!)];
    }

    /// <summary>How many telemetry points InfluxDB holds for the site.</summary>
    public static async Task<long> TelemetryPointsAsync(InfluxQl influx, string database, string site)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(
            database,
            $"SELECT COUNT(\"temperature_c\") FROM {InfluxQl.QuoteIdentifier(TelemetryMeasurement)} WHERE \"site\" = {Literal(site)}").ConfigureAwait(false);
        var row = series.SelectMany(s => s.Rows).FirstOrDefault();
        return row is null ? 0 : row["count"].GetInt64();
    }

    /// <summary>
    /// True once InfluxDB holds an "offline" status of the site at or after <paramref name="since"/>: the agent's clean
    /// stop publishes it last, and a broker passes a client's messages on in order, so everything the agent published
    /// before has reached Ingest and been written (Ingest writes in arrival order).
    /// </summary>
    public static async Task<bool> SignedOffAsync(InfluxQl influx, string database, string site, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(
            database,
            $"SELECT \"state\" FROM \"device_status\" WHERE \"site\" = {Literal(site)} AND \"state\" = 'offline' AND time >= {since.ToUnixTimeMilliseconds()}ms").ConfigureAwait(false);
        return series.Any(s => s.Rows.Count > 0);
    }

    internal static DeliveryCount CountDeposits(AgentLedger ledger, IReadOnlyList<string> storedRows)
    {
        var storedIds = storedRows.ToHashSet(StringComparer.Ordinal);
        var recordedIds = ledger.Deposits.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        long stored = 0, waiting = 0, refused = 0, lost = 0;
        foreach (var deposit in ledger.Deposits)
        {
            if (storedIds.Contains(deposit.Id))
            {
                stored++;
            }
            else if (deposit.State is DepositState.Waiting or DepositState.Sent)
            {
                waiting++;
            }
            else if (deposit.State == DepositState.Refused)
            {
                refused++;
            }
            else
            {
                // The device was told "stored", and InfluxDB does not have it: the worst case there is.
                lost++;
            }
        }

        // A second row for one id, or an id the device has no record of: the city would count more than the device did.
        var duplicated = (storedRows.Count - storedIds.Count) + storedIds.Count(id => !recordedIds.Contains(id));
        return new DeliveryCount("deposits", ledger.Deposits.Count, stored, refused, waiting, lost, duplicated);
    }

    internal static DeliveryCount CountTelemetry(AgentLedger ledger, IReadOnlySet<SampleKey> storedPoints)
    {
        var expected = ledger.TelemetryTaken - ledger.TelemetryDropped - ledger.TelemetryWaiting;
        var beyondWaiting = storedPoints.Count - ledger.WaitingSamples.Count(storedPoints.Contains);
        return new DeliveryCount(
            "telemetry",
            ledger.TelemetryTaken,
            storedPoints.Count,
            ledger.TelemetryDropped,
            ledger.TelemetryWaiting,
            Math.Max(0, expected - beyondWaiting),
            Math.Max(0, beyondWaiting - expected));
    }

    private static string Literal(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
