using System.Globalization;
using System.Text;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// <c>"Format": "st-gs"</c>: the widespread text frame <c>ST,GS,+0012.345kg</c> CR LF, sent continuously by A&amp;D
/// style indicators and the many Chinese indicators that copy it (XK3190 family in their continuous mode, and
/// others sold in Indonesia). Fields: status <c>ST</c> stable, <c>US</c> unstable, <c>OL</c> overload; weight
/// <c>GS</c> gross, <c>NT</c> net, <c>TR</c> tare; a signed value with its decimal point, padded to eight
/// characters with zeros or spaces; the unit (<c>kg</c>, <c>g</c>, sometimes space-padded). No checksum: a flipped
/// digit cannot be told from a real one, so the stable-weight detector has to catch it.
/// </summary>
/// <remarks>The tare command is <c>T</c> CR LF, as on A&amp;D and many others; indicators that take no commands ignore it.</remarks>
internal sealed class StGsFormat : ScaleIndicatorFormat
{
    public const string FormatName = "st-gs";

    private const int ValueWidth = 8;

    public override string Name => FormatName;

    public override bool CarriesUnit => true;

    public override bool CarriesStability => true;

    public override byte[]? TareCommand => "T\r\n"u8.ToArray();

    public override IIndicatorFrameParser CreateParser() => new StGsFrameParser();

    public override (byte[] Bytes, Range Body) Encode(IndicatorFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var status = frame.Status switch
        {
            IndicatorStatus.Overload => "OL",
            IndicatorStatus.Unstable => "US",
            _ => "ST",
        };
        var kind = frame.Kind switch
        {
            IndicatorWeightKind.Net => "NT",
            IndicatorWeightKind.Tare => "TR",
            _ => "GS",
        };

        string value;
        if (frame.Status == IndicatorStatus.Overload || frame.Value is null)
        {
            value = "+" + new string(' ', ValueWidth);
        }
        else
        {
            var magnitude = Math.Abs(frame.Value.Value).ToString("F" + frame.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            value = (frame.Value < 0 ? "-" : "+") + magnitude.PadLeft(ValueWidth, '0');
        }

        var text = $"{status},{kind},{value}{frame.Unit ?? "kg"}";
        return (Encoding.Latin1.GetBytes(text + "\r\n"), new Range(0, text.Length));
    }
}
