using System.Text;
using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>The "ST,GS,+0012.345kg" CR LF format: stable, unstable, overload, net and tare frames, in pieces and spoiled.</summary>
public sealed class StGsFrameParserTests
{
    [Theory]
    [InlineData("ST,GS,+0012.345kg\r\n", "Stable", "Gross", "12.345", 3, "kg")]
    [InlineData("US,GS,+0012.34kg\r\n", "Unstable", "Gross", "12.34", 2, "kg")]
    [InlineData("US,NT,-0001.20kg\r\n", "Unstable", "Net", "-1.20", 2, "kg")]
    [InlineData("ST,NT,+00000.0kg\r\n", "Stable", "Net", "0.0", 1, "kg")]
    [InlineData("ST,TR,+0001.500kg\r\n", "Stable", "Tare", "1.500", 3, "kg")]
    [InlineData("ST,GS,+   12.35 kg\r\n", "Stable", "Gross", "12.35", 2, "kg")]
    [InlineData("ST,GS,+0012350  g\r\n", "Stable", "Gross", "12350", 0, "g")]
    [InlineData("ST,GS,+0012.35lb\n", "Stable", "Gross", "12.35", 2, "lb")]
    public void Reads_status_kind_signed_value_decimals_and_unit(string line, string status, string kind, string value, int decimals, string unit)
    {
        var frame = ParseOne(line);

        Assert.Equal(Enum.Parse<IndicatorStatus>(status), frame.Status);
        Assert.Equal(Enum.Parse<IndicatorWeightKind>(kind), frame.Kind);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), frame.Value);
        Assert.Equal(decimals, frame.Decimals);
        Assert.Equal(unit, frame.Unit);
    }

    [Theory]
    [InlineData("OL,GS,+        kg\r\n")]
    [InlineData("OL,GS,-        kg\r\n")]
    [InlineData("OL,GS,+9999.999kg\r\n")]
    public void An_overload_frame_is_an_overload_whatever_its_value_field_holds(string line)
    {
        Assert.Equal(IndicatorStatus.Overload, ParseOne(line).Status);
    }

    [Fact]
    public void The_value_in_divisions_keeps_every_decimal_the_frame_shows()
    {
        Assert.Equal(12345, ParseOne("ST,GS,+0012.345kg\r\n").Divisions);
        Assert.Equal(-120, ParseOne("US,NT,-0001.20kg\r\n").Divisions);
    }

    [Fact]
    public void A_frame_delivered_one_byte_at_a_time_is_read_once_its_line_ends()
    {
        var parser = new StGsFrameParser();
        var bytes = Encoding.ASCII.GetBytes("ST,GS,+0012.345kg\r\n");
        foreach (var value in bytes[..^1])
        {
            parser.Append([value]);
            Assert.False(parser.TryTakeFrame(out _));
        }

        parser.Append([bytes[^1]]);

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(12.345m, frame.Value);
    }

    [Fact]
    public void Noise_before_a_frame_on_its_line_is_skipped()
    {
        var parser = new StGsFrameParser();

        parser.Append([0x93, 0x00, 0xFF, .. "ST,GS,+0012.35kg\r\n"u8]);

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(12.35m, frame.Value);
    }

    [Fact]
    public void A_frame_cut_short_and_followed_by_a_whole_one_yields_only_the_whole_one()
    {
        var parser = new StGsFrameParser();

        parser.Append("ST,GS,+001ST,GS,+0012.35kg\r\n"u8);

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(12.35m, frame.Value);
        Assert.False(parser.TryTakeFrame(out _));
    }

    [Theory]
    [InlineData("ST,GS,+00/2.35kg\r\n")]
    [InlineData("ST,XX,+0012.35kg\r\n")]
    [InlineData("SX,GS,+0012.35kg\r\n")]
    [InlineData("ST,GS,+0012.35\r\n")]
    [InlineData("ST,GS,+0012.35kg trailing words\r\n")]
    [InlineData("QT,GS,+0000012pc\r\n")]
    public void A_mangled_line_is_rejected_and_the_next_frame_is_read(string mangled)
    {
        var parser = new StGsFrameParser();

        parser.Append(Encoding.Latin1.GetBytes(mangled + "US,GS,+0001.00kg\r\n"));

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(1.00m, frame.Value);
        Assert.False(parser.TryTakeFrame(out _));
        Assert.Equal(1, parser.RejectedFrames);
    }

    [Fact]
    public void Noise_that_never_ends_a_line_is_dropped_and_reading_resumes()
    {
        var parser = new StGsFrameParser();

        parser.Append([.. Enumerable.Repeat((byte)'7', 300), .. "\r\nST,GS,+0002.50kg\r\n"u8]);

        Assert.True(parser.TryTakeFrame(out var frame));
        Assert.Equal(2.50m, frame.Value);
        Assert.True(parser.RejectedFrames >= 1);
    }

    [Fact]
    public void The_format_writes_the_widespread_frame_byte_for_byte()
    {
        var format = new StGsFormat();

        var (stable, _) = format.Encode(new IndicatorFrame(IndicatorStatus.Stable, IndicatorWeightKind.Gross, 12.345m, 3, "kg"));
        var (net, _) = format.Encode(new IndicatorFrame(IndicatorStatus.Unstable, IndicatorWeightKind.Net, -1.2m, 2, "kg"));
        var (overload, _) = format.Encode(new IndicatorFrame(IndicatorStatus.Overload, IndicatorWeightKind.Gross, null, 2, "kg"));

        Assert.Equal("ST,GS,+0012.345kg\r\n", Encoding.ASCII.GetString(stable));
        Assert.Equal("US,NT,-00001.20kg\r\n", Encoding.ASCII.GetString(net));
        Assert.Equal("OL,GS,+        kg\r\n", Encoding.ASCII.GetString(overload));
        Assert.Equal("T\r\n"u8.ToArray(), format.TareCommand);
    }

    private static IndicatorFrame ParseOne(string line)
    {
        var parser = new StGsFrameParser();
        parser.Append(Encoding.Latin1.GetBytes(line));
        Assert.True(parser.TryTakeFrame(out var frame), $"No frame in '{line}'.");
        Assert.False(parser.TryTakeFrame(out _));
        return frame;
    }
}
