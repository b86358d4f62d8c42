using System.Text.Json;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// One series of an InfluxQL answer: its measurement, its GROUP BY tags (empty without GROUP BY),
/// and its rows as column → value. With epoch=ms, "time" is a number of Unix milliseconds.
/// </summary>
public sealed record InfluxSeries(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Rows);
