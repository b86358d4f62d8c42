using System.Text;
using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>The XK3190-A9 continuous frame: STX, sign, six digits, decimals, XOR in hex, ETX.</summary>
public sealed class Xk3190A9FrameParserTests
{
    /// <summary>
    /// The A9+ manual's layout with 3260 and no decimals: STX "+003260" "0", XOR of '+','0','0','3','2','6','0','0' =
    /// 0x1C written "1C", ETX. The same bytes are seen from these indicators in the field.
    /// </summary>
    private static readonly byte[] ManualExample = Frame("+00326001C");

    [Fact]
    public void Reads_the_manuals_layout_of_sign_digits_and_decimals()
    {
        var frame = ParseOne(ManualExample);

        Assert.Equal(3260m, frame.Value);
        Assert.Equal(0, frame.Decimals);
        Assert.Equal(IndicatorStatus.NotReported, frame.Status);
        Assert.Equal(IndicatorWeightKind.Gross, frame.Kind);
        Assert.Null(frame.Unit);
    }

    [Theory]
    [InlineData("+00123521C", "12.35", 2)]
    [InlineData("-00012021C", "-1.20", 2)]
    [InlineData("+00000001B", "0", 0)]
    [InlineData("+012345319", "12.345", 3)]
    public void The_decimals_digit_places_the_point_from_the_right(string body, string value, int decimals)
    {
        var frame = ParseOne(Frame(body));

        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), frame.Value);
        Assert.Equal(decimals, frame.Decimals);
    }

    [Fact]
    public void The_check_is_the_XOR_of_sign_digits_and_decimals_written_as_two_hex_digits()
    {
        Assert.Equal(0x1C, Xk3190A9Format.Checksum("+0032600"u8));
        Assert.Equal((byte)'C', Xk3190A9Format.HexDigit(0xC));
        Assert.Equal((byte)'9', Xk3190A9Format.HexDigit(9));
    }

    [Fact]
    public void A_frame_with_a_wrong_check_is_rejected_and_the_next_one_is_read()
    {
        var parser = new Xk3190A9FrameParser();

        parser.Append([.. Frame("+00423521C"), .. ManualExample]);

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(3260m, frame.Value);
        Assert.False(parser.TryTakeFrame(out _));
        Assert.Equal(1, parser.RejectedFrames);
    }

    [Fact]
    public void A_frame_cut_short_and_followed_by_a_whole_one_yields_only_the_whole_one()
    {
        var parser = new Xk3190A9FrameParser();

        parser.Append([.. Frame("+00123521C").AsSpan(0, 6), .. ManualExample]);

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(3260m, frame.Value);
        Assert.False(parser.TryTakeFrame(out _));
    }

    [Fact]
    public void Noise_and_bytes_one_at_a_time_still_give_every_frame()
    {
        var parser = new Xk3190A9FrameParser();
        byte[] stream = [0x02, 0x55, 0x03, 0xFF, .. ManualExample, 0x00, 0x02, .. Frame("+00123521C")];
        var frames = new List<IndicatorFrame>();

        foreach (var value in stream)
        {
            parser.Append([value]);
            while (parser.TryTakeFrame(out var frame))
            {
                frames.Add(frame);
            }
        }

        Assert.Equal([3260m, 12.35m], frames.Select(f => f.Value!.Value));
    }

    [Fact]
    public void The_format_writes_frames_byte_for_byte_and_takes_no_commands()
    {
        var format = new Xk3190A9Format();

        var (bytes, _) = format.Encode(new IndicatorFrame(IndicatorStatus.Stable, IndicatorWeightKind.Gross, 12.35m, 2, "kg"));

        Assert.Equal(Frame("+00123521C"), bytes);
        Assert.Null(format.TareCommand);
        Assert.False(format.CarriesUnit);
        Assert.False(format.CarriesStability);
    }

    private static byte[] Frame(string body) => [0x02, .. Encoding.ASCII.GetBytes(body), 0x03];

    private static IndicatorFrame ParseOne(byte[] bytes)
    {
        var parser = new Xk3190A9FrameParser();
        parser.Append(bytes);
        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.False(parser.TryTakeFrame(out _));
        return frame;
    }
}
