using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// Reads <see cref="StGsFormat"/> frames: a frame is a line ending in LF (CR before it optional). Noise before a
/// frame on the same line is skipped (the frame is the line's last match); a line that holds no well-formed frame, a
/// cut frame among them, is rejected whole.
/// </summary>
internal sealed partial class StGsFrameParser : IIndicatorFrameParser
{
    /// <summary>No frame is this long; a line that grows past it is noise and is dropped.</summary>
    private const int MaxLineLength = 128;

    private readonly List<byte> _line = [];
    private readonly Queue<IndicatorFrame> _frames = new();

    public long RejectedFrames { get; private set; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            if (value == (byte)'\n')
            {
                EndLine();
                continue;
            }

            _line.Add(value);
            if (_line.Count > MaxLineLength)
            {
                RejectedFrames++;
                _line.Clear();
            }
        }
    }

    public bool TryTakeFrame(out IndicatorFrame frame) => _frames.TryDequeue(out frame!);

    /// <summary>Parses one line; null when it holds no well-formed frame.</summary>
    public static IndicatorFrame? ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = FramePattern().Match(line.TrimEnd('\r'));
        if (!match.Success)
        {
            return null;
        }

        var status = match.Groups["status"].Value switch
        {
            "ST" => IndicatorStatus.Stable,
            "US" => IndicatorStatus.Unstable,
            _ => IndicatorStatus.Overload,
        };
        var kind = match.Groups["kind"].Value switch
        {
            "GS" => IndicatorWeightKind.Gross,
            "NT" => IndicatorWeightKind.Net,
            _ => IndicatorWeightKind.Tare,
        };
        var unit = match.Groups["unit"].Value;
        var number = match.Groups["number"];
        if (!number.Success)
        {
            // Only an overload frame may come without a number.
            return status == IndicatorStatus.Overload ? new IndicatorFrame(status, kind, null, 0, unit.Length > 0 ? unit : null) : null;
        }

        var text = number.Value;
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        var value = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (match.Groups["sign"].Value == "-")
        {
            value = -value;
        }

        return unit.Length == 0 ? null : new IndicatorFrame(status, kind, value, decimals, unit);
    }

    // Anchored at the end only: noise before the frame on the same line is allowed. Eight characters of value with
    // leading zeros or spaces; the unit is letters, maybe after spaces.
    [GeneratedRegex(@"(?<status>ST|US|OL),(?<kind>GS|NT|TR),(?<sign>[+-])? *(?<number>[0-9]{1,9}(\.[0-9]{1,6})?)? *(?<unit>[A-Za-z]{0,3}) *$", RegexOptions.CultureInvariant)]
    private static partial Regex FramePattern();

    private void EndLine()
    {
        if (_line.Count == 0 || (_line.Count == 1 && _line[0] == (byte)'\r'))
        {
            _line.Clear();
            return;
        }

        var frame = ParseLine(Encoding.Latin1.GetString([.. _line]));
        _line.Clear();
        if (frame is null)
        {
            RejectedFrames++;
            return;
        }

        _frames.Enqueue(frame);
    }
}
