using System.Globalization;
using System.Text;

namespace Pontive.Iot.Ingest.Reports.Output;

/// <summary>
/// A report table as CSV (RFC 4180): a header row, commas, CRLF line ends, quotes around a cell only when it needs them.
/// Numbers use a dot and no thousands separator; times are ISO 8601 in WIB (<c>2026-11-01T00:00:00+07:00</c>); an
/// absent value is an empty cell. What spreadsheets and pandas read without settings.
/// </summary>
public sealed class CsvTable
{
    private readonly StringBuilder _text = new();
    private readonly int _columns;

    public CsvTable(params string[] header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _columns = header.Length;
        AppendRow(header);
    }

    public CsvTable Row(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns)
        {
            throw new ArgumentException($"A row has {_columns} cells, not {cells.Length}.", nameof(cells));
        }

        AppendRow(cells.Select(Format));
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        string text => text,
        DateTimeOffset time => time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        double number => double.IsFinite(number) ? number.ToString("0.######", CultureInfo.InvariantCulture) : string.Empty,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private void AppendRow(IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                _text.Append(',');
            }

            first = false;
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && (cell[0] == ' ' || cell[^1] == ' ')))
            {
                _text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _text.Append(cell);
            }
        }

        _text.Append("\r\n");
    }
}
