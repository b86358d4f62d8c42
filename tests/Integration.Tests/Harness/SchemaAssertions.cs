using System.Text.Json;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>Checks, by InfluxQL, that points landed in the wire contract's InfluxDB schema.</summary>
public static class SchemaAssertions
{
    /// <summary>The tag keys of a measurement, sorted.</summary>
    public static async Task<IReadOnlyList<string>> TagKeysAsync(this InfluxQl influx, string database, string measurement)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(database, $"SHOW TAG KEYS FROM {InfluxQl.QuoteIdentifier(measurement)}").ConfigureAwait(false);
        return series.SelectMany(s => s.Rows).Select(r => r["tagKey"].GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Field name → InfluxDB type (float, integer, string, boolean).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FieldTypesAsync(this InfluxQl influx, string database, string measurement)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(database, $"SHOW FIELD KEYS FROM {InfluxQl.QuoteIdentifier(measurement)}").ConfigureAwait(false);
        return series.SelectMany(s => s.Rows).ToDictionary(r => r["fieldKey"].GetString()!, r => r["fieldType"].GetString()!, StringComparer.Ordinal);
    }

    /// <summary>Every row of a measurement.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>> RowsAsync(this InfluxQl influx, string database, string measurement)
    {
        ArgumentNullException.ThrowIfNull(influx);
        var series = await influx.QueryAsync(database, $"SELECT * FROM {InfluxQl.QuoteIdentifier(measurement)}").ConfigureAwait(false);
        return series.SelectMany(s => s.Rows).ToList();
    }

    /// <summary>
    /// The one environment reading the emulated BME280 took at <paramref name="takenAt"/> is in <paramref name="database"/>
    /// as the contract says: measurement "environment", tags site/device/sensor, float fields with the unit in the name.
    /// </summary>
    public static async Task AssertEnvironmentReadingAsync(
        InfluxQl influx, string database, string site, DateTimeOffset takenAt, double temperature, double humidity, double pressure)
    {
        Assert.Equal(["device", "sensor", "site"], await influx.TagKeysAsync(database, "environment"));
        Assert.Equal(
            new Dictionary<string, string> { ["temperature_c"] = "float", ["humidity_pct"] = "float", ["pressure_hpa"] = "float" },
            await influx.FieldTypesAsync(database, "environment"));

        var rows = await influx.RowsAsync(database, "environment");
        var row = Assert.Single(rows, r => r["time"].GetInt64() == takenAt.ToUnixTimeMilliseconds());
        Assert.Equal(site, row["site"].GetString());
        Assert.Equal("sensors-01", row["device"].GetString());
        Assert.Equal("env-1", row["sensor"].GetString());
        Assert.Equal(temperature, row["temperature_c"].GetDouble(), tolerance: 0.02);
        Assert.Equal(humidity, row["humidity_pct"].GetDouble(), tolerance: 0.1);
        Assert.Equal(pressure, row["pressure_hpa"].GetDouble(), tolerance: 0.05);
    }
}
