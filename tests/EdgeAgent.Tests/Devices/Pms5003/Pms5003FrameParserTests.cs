using Pontive.Iot.EdgeAgent.Devices.Pms5003;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Pms5003;

/// <summary>The PMS5003 frame parser fed frames laid out by hand from the data manual, whole, in pieces, spoiled.</summary>
public sealed class Pms5003FrameParserTests
{
    /// <summary>
    /// A data frame written out from the data manual's appendix I: 0x42 0x4D, frame length 28, then 13 big-endian
    /// words: PM1.0/2.5/10 CF=1 = 12/18/23, atmospheric = 12/18/23, particles beyond 0.3/0.5/1/2.5/5/10 µm =
    /// 2961/846/141/11/3/1, data 13 = 0x9700; the check code is the sum of the 30 bytes before it (0x0335).
    /// </summary>
    public static readonly byte[] CleanAirFrame =
    [
        0x42, 0x4D, 0x00, 0x1C,
        0x00, 0x0C, 0x00, 0x12, 0x00, 0x17,
        0x00, 0x0C, 0x00, 0x12, 0x00, 0x17,
        0x0B, 0x91, 0x03, 0x4E, 0x00, 0x8D, 0x00, 0x0B, 0x00, 0x03, 0x00, 0x01,
        0x97, 0x00,
        0x03, 0x35,
    ];

    /// <summary>A smokier frame where CF=1 (45/71/88) and atmospheric (38/57/73) differ; check code 0x047A.</summary>
    public static readonly byte[] HazyFrame =
    [
        0x42, 0x4D, 0x00, 0x1C,
        0x00, 0x2D, 0x00, 0x47, 0x00, 0x58,
        0x00, 0x26, 0x00, 0x39, 0x00, 0x49,
        0x1F, 0x40, 0x08, 0x98, 0x01, 0x90, 0x00, 0x28, 0x00, 0x0A, 0x00, 0x02,
        0x97, 0x00,
        0x04, 0x7A,
    ];

    [Fact]
    public void Decodes_every_field_of_a_data_frame_laid_out_as_in_the_data_manual()
    {
        var parser = new Pms5003FrameParser();
        parser.Append(HazyFrame);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(45, m.Pm1Standard.MicrogramsPerCubicMeter);
        Assert.Equal(71, m.Pm25Standard.MicrogramsPerCubicMeter);
        Assert.Equal(88, m.Pm10Standard.MicrogramsPerCubicMeter);
        Assert.Equal(38, m.Pm1.MicrogramsPerCubicMeter);
        Assert.Equal(57, m.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(73, m.Pm10.MicrogramsPerCubicMeter);
        Assert.Equal(new Pms5003ParticleCounts(8000, 2200, 400, 40, 10, 2), m.Particles);
        Assert.Equal(0x9700, m.Reserved);
        Assert.False(parser.TryTakeMeasurement(out _));
    }

    [Fact]
    public void The_check_code_is_the_sum_of_every_byte_before_it()
    {
        Assert.Equal(0x0335, Pms5003Protocol.Checksum(CleanAirFrame.AsSpan(0, 30)));
        Assert.Equal(0x047A, Pms5003Protocol.Checksum(HazyFrame.AsSpan(0, 30)));
    }

    [Fact]
    public void A_frame_delivered_one_byte_at_a_time_is_decoded_once_its_last_byte_arrives()
    {
        var parser = new Pms5003FrameParser();
        for (var i = 0; i < CleanAirFrame.Length - 1; i++)
        {
            parser.Append(CleanAirFrame.AsSpan(i, 1));
            Assert.False(parser.TryTakeMeasurement(out _));
        }

        parser.Append(CleanAirFrame.AsSpan(^1));

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(18, m.Pm25.MicrogramsPerCubicMeter);
    }

    [Fact]
    public void A_frame_with_a_wrong_check_code_is_rejected_and_the_next_one_is_taken()
    {
        var spoiled = (byte[])HazyFrame.Clone();
        spoiled[13] ^= 0x10;
        var parser = new Pms5003FrameParser();

        parser.Append([.. spoiled, .. CleanAirFrame]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(18, m.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(1, parser.RejectedFrames);
        Assert.False(parser.TryTakeMeasurement(out _));
    }

    [Fact]
    public void A_frame_cut_short_and_followed_by_a_whole_one_yields_only_the_whole_one()
    {
        var parser = new Pms5003FrameParser();

        parser.Append([.. HazyFrame.AsSpan(0, 17), .. CleanAirFrame]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(18, m.Pm25.MicrogramsPerCubicMeter);
        Assert.False(parser.TryTakeMeasurement(out _));
        Assert.True(parser.RejectedFrames >= 1);
    }

    [Fact]
    public void A_frame_cut_short_at_the_end_of_the_input_waits_and_is_never_made_up()
    {
        var parser = new Pms5003FrameParser();

        parser.Append(HazyFrame.AsSpan(0, 31));

        Assert.False(parser.TryTakeMeasurement(out _));
        Assert.Equal(0, parser.RejectedFrames);
    }

    [Fact]
    public void Resynchronises_after_noise_that_contains_false_start_bytes()
    {
        byte[] noise = [0x00, 0x42, 0x42, 0x4D, 0x99, 0xFF, 0x42, 0x4D, 0x00, 0x1C, 0x13, 0x42];
        var parser = new Pms5003FrameParser();

        parser.Append([.. noise, .. HazyFrame, 0x4D, 0x42, .. CleanAirFrame]);

        Assert.True(parser.TryTakeMeasurement(out var first));
        Assert.True(parser.TryTakeMeasurement(out var second));
        Assert.Equal(57, first.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(18, second.Pm25.MicrogramsPerCubicMeter);
        Assert.True(parser.SkippedBytes >= noise.Length);
    }

    [Fact]
    public void The_8_byte_answer_to_a_command_is_recognised_and_carries_no_measurement()
    {
        byte[] passiveModeReply = [0x42, 0x4D, 0x00, 0x04, 0xE1, 0x00, 0x01, 0x74];
        var parser = new Pms5003FrameParser();

        parser.Append([.. passiveModeReply, .. CleanAirFrame]);

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(18, m.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(1, parser.Replies);
        Assert.Equal(0, parser.RejectedFrames);
    }

    [Fact]
    public void Commands_are_laid_out_as_in_the_data_manual_appendix_II()
    {
        Assert.Equal([0x42, 0x4D, 0xE1, 0x00, 0x00, 0x01, 0x70], Pms5003Protocol.Command(Pms5003Protocol.ChangeMode, 0));
        Assert.Equal([0x42, 0x4D, 0xE1, 0x00, 0x01, 0x01, 0x71], Pms5003Protocol.Command(Pms5003Protocol.ChangeMode, 1));
        Assert.Equal([0x42, 0x4D, 0xE2, 0x00, 0x00, 0x01, 0x71], Pms5003Protocol.Command(Pms5003Protocol.ReadInPassiveMode, 0));
        Assert.Equal([0x42, 0x4D, 0xE4, 0x00, 0x00, 0x01, 0x73], Pms5003Protocol.Command(Pms5003Protocol.SleepSet, 0));
        Assert.Equal([0x42, 0x4D, 0xE4, 0x00, 0x01, 0x01, 0x74], Pms5003Protocol.Command(Pms5003Protocol.SleepSet, 1));
    }

    [Fact]
    public void The_emulator_writes_frames_the_parser_reads_back_exactly()
    {
        // Header and the six mass concentrations; below 30 µg/m³ CF=1 and atmospheric agree, as on real units.
        Assert.Equal(CleanAirFrame.AsSpan(0, 16).ToArray(), Pms5003Emulator.DataFrame(new(12, 18, 23)).AsSpan(0, 16).ToArray());

        var parser = new Pms5003FrameParser();
        parser.Append(Pms5003Emulator.DataFrame(new(96.4, 137.6, 185.7)));

        Assert.True(parser.TryTakeMeasurement(out var m));
        Assert.Equal(96, m.Pm1.MicrogramsPerCubicMeter);
        Assert.Equal(138, m.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(186, m.Pm10.MicrogramsPerCubicMeter);
        Assert.True(m.Pm25Standard > m.Pm25);
    }
}
