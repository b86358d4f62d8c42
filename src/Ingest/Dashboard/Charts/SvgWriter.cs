using System.Globalization;
using System.Text;

namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>
/// Writes SVG markup: every text and attribute value escaped, numbers in invariant form with at most two decimals
/// (so the same report always gives the same bytes).
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _svg = new();

    public SvgWriter Start(string tag, params (string Name, object? Value)[] attributes)
    {
        _svg.Append('<').Append(tag);
        Attributes(attributes);
        _svg.Append('>');
        return this;
    }

    public SvgWriter Empty(string tag, params (string Name, object? Value)[] attributes)
    {
        _svg.Append('<').Append(tag);
        Attributes(attributes);
        _svg.Append("/>");
        return this;
    }

    public SvgWriter End(string tag)
    {
        _svg.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text: <c>&lt;text x="…"&gt;label&lt;/text&gt;</c>.</summary>
    public SvgWriter Text(string tag, string text, params (string Name, object? Value)[] attributes)
    {
        Start(tag, attributes);
        _svg.Append(Escape(text));
        return End(tag);
    }

    public override string ToString() => _svg.ToString();

    /// <summary>A figure for a data attribute, to the gram or rupiah: <c>1868.322</c>.</summary>
    public static string Figure(double value) => Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);
    }

    private void Attributes((string Name, object? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            var text = value switch
            {
                null => null,
                double d => Number(d),
                int i => i.ToString(CultureInfo.InvariantCulture),
                long l => l.ToString(CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
            {
                _svg.Append(' ').Append(name).Append("=\"").Append(Escape(text)).Append('"');
            }
        }
    }
}
