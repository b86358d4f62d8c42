using Pontive.Iot.EdgeAgent.Devices.Sds011;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Sds011;

/// <summary>The SDS011 frame parser fed the control protocol's own examples, whole, in pieces and spoiled.</summary>
public sealed class Sds011FrameParserTests
{
    /// <summary>
    /// The data frame of the control protocol's example: PM2.5 = 0x04D4 = 1236 → 123.6 µg/m³, PM10 = 0x0A3A = 2618 →
    /// 261.8 µg/m³, device id 0xA160; checksum 0xD4+0x04+0x3A+0x0A+0xA1+0x60 = 0x21D → 0x1D.
    /// </summary>
    public static readonly byte[] ProtocolExample = [0xAA, 0xC0, 0xD4, 0x04, 0x3A, 0x0A, 0xA1, 0x60, 0x1D, 0xAB];

    /// <summary>Clean air, written out the same way: PM2.5 18.4 (0x00B8), PM10 25.0 (0x00FA), id 0xA160, checksum 0xB3.</summary>
    public static readonly byte[] CleanAir = [0xAA, 0xC0, 0xB8, 0x00, 0xFA, 0x00, 0xA1, 0x60, 0xB3, 0xAB];

    /// <summary>The reply to "set query mode" in the control protocol: 0xC5, command 2, set, query, id 0xA160, checksum 0x05.</summary>
    public static readonly byte[] QueryModeReply = [0xAA, 0xC5, 0x02, 0x01, 0x01, 0x00, 0xA1, 0x60, 0x05, 0xAB];

    [Fact]
    public void Decodes_the_control_protocols_example_frame()
    {
        var parser = new Sds011FrameParser();
        parser.Append(ProtocolExample);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(123.6, m.Pm25.MicrogramsPerCubicMeter, 6);
        Assert.Equal(261.8, m.Pm10.MicrogramsPerCubicMeter, 6);
        Assert.Equal(0xA160, m.DeviceId);
    }

    [Fact]
    public void The_checksum_is_the_low_byte_of_the_sum_of_the_six_data_bytes()
    {
        Assert.Equal(0x1D, Sds011Protocol.Checksum(ProtocolExample.AsSpan(2, 6)));
        Assert.Equal(0xB3, Sds011Protocol.Checksum(CleanAir.AsSpan(2, 6)));
    }

    [Fact]
    public void A_frame_delivered_one_byte_at_a_time_is_decoded_once_its_tail_arrives()
    {
        var parser = new Sds011FrameParser();
        foreach (var value in ProtocolExample[..^1])
        {
            parser.Append([value]);
            Assert.False(parser.TryTakeMeasurement(out _));
        }

        parser.Append([0xAB]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(123.6, m.Pm25.MicrogramsPerCubicMeter, 6);
    }

    [Fact]
    public void A_frame_with_a_wrong_checksum_is_rejected_and_the_next_one_is_taken()
    {
        var spoiled = (byte[])ProtocolExample.Clone();
        spoiled[4] ^= 0x01;
        var parser = new Sds011FrameParser();

        parser.Append([.. spoiled, .. CleanAir]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(18.4, m.Pm25.MicrogramsPerCubicMeter, 6);
        Assert.Equal(1, parser.RejectedFrames);
        Assert.False(parser.TryTakeMeasurement(out _));
    }

    [Fact]
    public void A_frame_cut_short_and_followed_by_a_whole_one_yields_only_the_whole_one()
    {
        var parser = new Sds011FrameParser();

        parser.Append([.. ProtocolExample.AsSpan(0, 6), .. CleanAir]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(25.0, m.Pm10.MicrogramsPerCubicMeter, 6);
        Assert.False(parser.TryTakeMeasurement(out _));
        Assert.True(parser.RejectedFrames >= 1);
    }

    [Fact]
    public void A_frame_cut_short_at_the_end_of_the_input_waits_and_is_never_made_up()
    {
        var parser = new Sds011FrameParser();

        parser.Append(ProtocolExample.AsSpan(0, 9));

        Assert.False(parser.TryTakeMeasurement(out _));
    }

    [Fact]
    public void Resynchronises_after_noise_that_contains_false_heads()
    {
        byte[] noise = [0x13, 0xAA, 0x00, 0xAA, 0xC0, 0x01, 0xAB, 0xAA];
        var parser = new Sds011FrameParser();

        parser.Append([.. noise, .. ProtocolExample, 0xAB, 0xAA, .. CleanAir]);

        Assert.True(parser.TryTakeMeasurement(out var first));
        Assert.True(parser.TryTakeMeasurement(out var second));
        Assert.Equal(123.6, first.Pm25.MicrogramsPerCubicMeter, 6);
        Assert.Equal(18.4, second.Pm25.MicrogramsPerCubicMeter, 6);
    }

    [Fact]
    public void A_reply_to_a_command_is_kept_apart_and_carries_no_measurement()
    {
        var parser = new Sds011FrameParser();

        parser.Append([.. QueryModeReply, .. CleanAir]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(18.4, m.Pm25.MicrogramsPerCubicMeter, 6);
        Assert.Equal(1, parser.Replies);
        Assert.Equal([0x02, 0x01, 0x01, 0x00, 0xA1, 0x60], parser.LastReply);
    }

    [Fact]
    public void Commands_are_laid_out_as_in_the_control_protocol()
    {
        Assert.Equal(Hex("AA B4 04 00 00 00 00 00 00 00 00 00 00 00 00 FF FF 02 AB"), Sds011Protocol.Command(Sds011Protocol.QueryData, []));
        Assert.Equal(Hex("AA B4 02 01 01 00 00 00 00 00 00 00 00 00 00 FF FF 02 AB"), Sds011Protocol.Command(Sds011Protocol.ReportingMode, [1, 1]));
        Assert.Equal(Hex("AA B4 06 01 00 00 00 00 00 00 00 00 00 00 00 FF FF 05 AB"), Sds011Protocol.Command(Sds011Protocol.SleepWork, [1, 0]));
        Assert.Equal(Hex("AA B4 06 01 01 00 00 00 00 00 00 00 00 00 00 FF FF 06 AB"), Sds011Protocol.Command(Sds011Protocol.SleepWork, [1, 1]));
        Assert.Equal(Hex("AA B4 08 01 00 00 00 00 00 00 00 00 00 00 00 FF FF 07 AB"), Sds011Protocol.Command(Sds011Protocol.WorkingPeriod, [1, 0]));
    }

    [Fact]
    public void The_emulator_writes_the_protocols_example_frame_byte_for_byte()
    {
        Assert.Equal(ProtocolExample, Sds011Emulator.DataFrame(new(80, 123.6, 261.8), 0xA160));
    }

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", string.Empty, StringComparison.Ordinal));
}
