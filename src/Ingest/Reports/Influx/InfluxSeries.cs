namespace Pontive.Iot.Ingest.Reports.Influx;

/// <summary>
/// One series of an InfluxQL answer: measurement, the GROUP BY tags, the columns and the rows. Cells are null, string,
/// bool, long (a JSON number without fraction or exponent) or double; times are Unix milliseconds (long).
/// </summary>
public sealed class InfluxSeries
{
    private readonly Dictionary<string, int> _columnIndex;

    public InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        Tags = tags;
        Columns = columns;
        _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            _columnIndex.TryAdd(columns[i], i);
        }
    }

    public string Name { get; }

    public IReadOnlyDictionary<string, string> Tags { get; }

    public IReadOnlyList<string> Columns { get; }

    public List<object?[]> Rows { get; } = [];

    public string Tag(string name) => Tags.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>The column's index, or -1 when the answer has no such column.</summary>
    public int ColumnIndex(string column) => _columnIndex.TryGetValue(column, out var index) ? index : -1;

    public static DateTimeOffset Time(object?[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static double? NumberAt(object?[] row, int index) => index < 0 || index >= row.Length ? null : row[index] switch
    {
        double d => d,
        long l => l,
        _ => null,
    };

    public static long? WholeAt(object?[] row, int index) => index < 0 || index >= row.Length ? null : row[index] switch
    {
        long l => l,
        double d when Math.Abs(d) < 9e15 => (long)Math.Round(d),
        _ => null,
    };

    public static string? TextAt(object?[] row, int index) => index < 0 || index >= row.Length ? null : row[index] as string;
}
