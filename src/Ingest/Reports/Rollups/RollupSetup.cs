using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports.Influx;

namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>What one run of the set-up changed; nothing when everything was already in place.</summary>
public sealed record RollupSetupResult(IReadOnlyList<string> Changes)
{
    public bool ChangedNothing => Changes.Count == 0;
}

/// <summary>
/// Puts the plan in place on InfluxDB 1.x, and only what is missing or different: the database (when
/// <c>InfluxDb:CreateDatabase</c>), each retention policy (created, or its duration altered), each continuous query
/// (created; this plan's older ones dropped). Running it twice changes nothing the second time. Other retention
/// policies and continuous queries are never touched, and no retention policy is ever made the default.
/// </summary>
public sealed partial class RollupSetup : IDisposable
{
    private readonly InfluxQueryClient _influx;
    private readonly RollupPlan _plan;
    private readonly InfluxDbOptions _influxOptions;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RollupSetup(InfluxQueryClient influx, RollupPlan plan, IOptions<InfluxDbOptions> influxOptions)
    {
        ArgumentNullException.ThrowIfNull(influxOptions);
        _influx = influx;
        _plan = plan;
        _influxOptions = influxOptions.Value;
    }

    /// <exception cref="InfluxQueryException">InfluxDB could not be reached or refused a statement.</exception>
    public async Task<RollupSetupResult> EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changes = new List<string>();
            var database = InfluxQl.Identifier(_plan.Database);
            var databases = await _influx.QueryAsync("SHOW DATABASES", cancellationToken).ConfigureAwait(false);
            if (!databases[0].SelectMany(s => s.Rows).Any(r => r[0] as string == _plan.Database))
            {
                if (!_influxOptions.CreateDatabase)
                {
                    throw new InfluxQueryException($"database '{_plan.Database}' does not exist and InfluxDb:CreateDatabase is false", isUnreachable: false);
                }

                await _influx.ExecuteAsync($"CREATE DATABASE {database}", cancellationToken).ConfigureAwait(false);
                changes.Add($"created database {_plan.Database}");
            }

            await EnsureRetentionPoliciesAsync(database, changes, cancellationToken).ConfigureAwait(false);
            await EnsureContinuousQueriesAsync(database, changes, cancellationToken).ConfigureAwait(false);
            return new RollupSetupResult(changes);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task EnsureRetentionPoliciesAsync(string database, List<string> changes, CancellationToken cancellationToken)
    {
        var answer = await _influx.QueryAsync($"SHOW RETENTION POLICIES ON {database}", cancellationToken).ConfigureAwait(false);
        var existing = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var series in answer[0])
        {
            int name = series.ColumnIndex("name"), duration = series.ColumnIndex("duration");
            foreach (var row in series.Rows)
            {
                if (InfluxSeries.TextAt(row, name) is { } policy)
                {
                    existing[policy] = ParseGoDuration(InfluxSeries.TextAt(row, duration));
                }
            }
        }

        foreach (var (name, duration) in _plan.RetentionPolicies)
        {
            var policy = InfluxQl.Identifier(name);
            if (!existing.TryGetValue(name, out var current))
            {
                await _influx.ExecuteAsync($"CREATE RETENTION POLICY {policy} ON {database} DURATION {InfluxQl.Duration(duration)} REPLICATION 1", cancellationToken).ConfigureAwait(false);
                changes.Add($"created retention policy {name} ({InfluxQl.Duration(duration)})");
            }
            else if (current != duration)
            {
                await _influx.ExecuteAsync($"ALTER RETENTION POLICY {policy} ON {database} DURATION {InfluxQl.Duration(duration)}", cancellationToken).ConfigureAwait(false);
                changes.Add($"changed retention policy {name} from {InfluxQl.Duration(current)} to {InfluxQl.Duration(duration)}");
            }
        }
    }

    private async Task EnsureContinuousQueriesAsync(string database, List<string> changes, CancellationToken cancellationToken)
    {
        var answer = await _influx.QueryAsync("SHOW CONTINUOUS QUERIES", cancellationToken).ConfigureAwait(false);
        var existing = answer[0]
            .Where(s => s.Name == _plan.Database)
            .SelectMany(s => s.Rows.Select(r => InfluxSeries.TextAt(r, s.ColumnIndex("name"))))
            .OfType<string>()
            .Where(n => n.StartsWith(RollupPlan.CqPrefix, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var wanted = _plan.Queries.ToDictionary(q => q.Name, StringComparer.Ordinal);
        foreach (var stale in existing.Where(n => !wanted.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            await _influx.ExecuteAsync($"DROP CONTINUOUS QUERY {InfluxQl.Identifier(stale)} ON {database}", cancellationToken).ConfigureAwait(false);
            changes.Add($"dropped continuous query {stale}");
        }

        foreach (var query in _plan.Queries.Where(q => !existing.Contains(q.Name)))
        {
            await _influx.ExecuteAsync(_plan.CreateStatement(query), cancellationToken).ConfigureAwait(false);
            changes.Add($"created continuous query {query.Name}");
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>InfluxDB shows durations as Go writes them: <c>2160h0m0s</c>; <c>0s</c> is "forever".</summary>
    internal static TimeSpan ParseGoDuration(string? text)
    {
        var match = text is null ? Match.Empty : GoDuration().Match(text);
        if (!match.Success)
        {
            return TimeSpan.Zero;
        }

        static long Part(Group group) => group.Success ? long.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromHours(Part(match.Groups["h"])) + TimeSpan.FromMinutes(Part(match.Groups["m"])) + TimeSpan.FromSeconds(Part(match.Groups["s"]));
    }

    [GeneratedRegex("^(?:(?<h>[0-9]+)h)?(?:(?<m>[0-9]+)m)?(?:(?<s>[0-9]+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GoDuration();
}
