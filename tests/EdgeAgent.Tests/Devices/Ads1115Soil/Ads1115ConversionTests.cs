using Iot.Device.Ads1115;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;
using Ads1115Driver = Iot.Device.Ads1115.Ads1115;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Ads1115Soil;

/// <summary>The real Iot.Device.Ads1115 driver on the emulated chip, checked against the datasheet's (TI SBAS444) tables.</summary>
public sealed class Ads1115ConversionTests
{
    /// <summary>The datasheet's "Full-Scale Range and Corresponding LSB Size" table, at 16,000 counts (10,000 at ±6.144 V).</summary>
    [Theory]
    [InlineData(MeasuringRange.FS6144, 187.5, 1.875, 10000)]
    [InlineData(MeasuringRange.FS4096, 125.0, 2.0, 16000)]
    [InlineData(MeasuringRange.FS2048, 62.5, 1.0, 16000)]
    [InlineData(MeasuringRange.FS1024, 31.25, 0.5, 16000)]
    [InlineData(MeasuringRange.FS0512, 15.625, 0.25, 16000)]
    [InlineData(MeasuringRange.FS0256, 7.8125, 0.125, 16000)]
    public void Each_gain_converts_with_the_datasheet_LSB_size(MeasuringRange range, double lsbMicrovolts, double volts, int expectedRaw)
    {
        using var emulator = NewEmulator();
        emulator.OverrideVolts(0, volts);
        using var adc = new Ads1115Driver(emulator, InputMultiplexer.AIN0, range, DataRate.SPS128, DeviceMode.PowerDown);

        var raw = adc.ReadRaw();

        Assert.Equal(expectedRaw, raw);
        Assert.Equal(lsbMicrovolts, Ads1115Registers.VoltsPerCount((int)range) * 1e6, 1e-9);
        Assert.Equal(volts, adc.RawToVoltage(raw).Volts, 1e-9);
    }

    /// <summary>The datasheet's "Output Codes" table: ±FS, ±1 LSB and zero.</summary>
    [Theory]
    [InlineData(4.096 * 32767 / 32768, 0x7FFF)]
    [InlineData(5.0, 0x7FFF)]
    [InlineData(0.000125, 0x0001)]
    [InlineData(0.0, 0x0000)]
    [InlineData(-0.000125, 0xFFFF)]
    [InlineData(-4.096, 0x8000)]
    [InlineData(-5.0, 0x8000)]
    public void Output_codes_follow_the_datasheet_table_at_plus_minus_4_096_volts(double volts, int expectedCode)
    {
        var code = Ads1115Emulator.Code(volts, (int)MeasuringRange.FS4096);

        Assert.Equal(expectedCode, (ushort)code);
    }

    [Fact]
    public void A_probe_above_the_range_reads_full_scale()
    {
        using var emulator = NewEmulator();
        emulator.OverrideVolts(0, 2.8);
        using var adc = new Ads1115Driver(emulator, InputMultiplexer.AIN0, MeasuringRange.FS2048, DataRate.SPS128, DeviceMode.PowerDown);

        Assert.Equal(short.MaxValue, adc.ReadRaw());
    }

    [Fact]
    public void Each_single_ended_input_is_converted_on_its_own()
    {
        using var emulator = NewEmulator();
        double[] volts = [0.5, 1.25, 2.0, 2.75];
        for (var channel = 0; channel < volts.Length; channel++)
        {
            emulator.OverrideVolts(channel, volts[channel]);
        }

        using var adc = new Ads1115Driver(emulator, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.PowerDown);

        Assert.Equal(4000, adc.ReadRaw(InputMultiplexer.AIN0));
        Assert.Equal(10000, adc.ReadRaw(InputMultiplexer.AIN1));
        Assert.Equal(16000, adc.ReadRaw(InputMultiplexer.AIN2));
        Assert.Equal(22000, adc.ReadRaw(InputMultiplexer.AIN3));
    }

    [Fact]
    public void A_differential_input_converts_the_difference_with_its_sign()
    {
        using var emulator = NewEmulator();
        emulator.OverrideVolts(0, 1.0);
        emulator.OverrideVolts(1, 1.5);
        using var adc = new Ads1115Driver(emulator, InputMultiplexer.AIN0_AIN1, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.PowerDown);

        Assert.Equal(-4000, adc.ReadRaw());
    }

    [Fact]
    public void In_continuous_mode_each_read_returns_the_latest_conversion()
    {
        using var emulator = NewEmulator();
        emulator.OverrideVolts(0, 1.0);
        using var adc = new Ads1115Driver(emulator, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.Continuous);
        var first = adc.ReadRaw();

        emulator.OverrideVolts(0, 1.5);

        Assert.Equal(8000, first);
        Assert.Equal(12000, adc.ReadRaw());
        Assert.Equal(0, emulator.ConfigRegister & 0x0100);
    }

    [Fact]
    public void Registers_power_on_with_the_datasheet_reset_values()
    {
        using var emulator = NewEmulator();

        Assert.Equal(0x0000, ReadRegister(emulator, 0x00));
        Assert.Equal(0x8583, ReadRegister(emulator, 0x01));
        Assert.Equal(0x8000, ReadRegister(emulator, 0x02));
        Assert.Equal(0x7FFF, ReadRegister(emulator, 0x03));
    }

    [Fact]
    public void A_single_shot_result_appears_only_once_the_conversion_is_done()
    {
        using var emulator = NewEmulator();
        emulator.OverrideVolts(2, 2.0);

        // OS = 1 (start), MUX = 110 (AIN2), PGA = 001 (±4.096 V), MODE = 1 (single-shot); DR = 100 (128 SPS).
        emulator.Write([0x01, 0xE3, 0x83]);
        var beforeDone = ReadRegister(emulator, 0x00);
        var statusWhileConverting = ReadRegister(emulator, 0x01);
        var statusAfter = ReadRegister(emulator, 0x01);
        var afterDone = ReadRegister(emulator, 0x00);

        Assert.Equal(0x0000, beforeDone);
        Assert.Equal(0, statusWhileConverting & 0x8000);
        Assert.Equal(0x8000, statusAfter & 0x8000);
        Assert.Equal(16000, afterDone);
    }

    [Fact]
    public void A_single_shot_conversion_also_finishes_after_its_conversion_time_without_polling()
    {
        var clock = new FakeTimeProvider(Ads1115SoilTestBench.PontianakNoon);
        using var emulator = new Ads1115Emulator(Ads1115SoilTestBench.SteadyScenario(2.0), probeChannel: 0, clock);

        emulator.Write([0x01, 0xC3, 0x83]);
        clock.Advance(TimeSpan.FromMilliseconds(7));
        var early = ReadRegister(emulator, 0x00);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var done = ReadRegister(emulator, 0x00);

        // 1/128 s = 7.8 ms.
        Assert.Equal(0x0000, early);
        Assert.Equal(16000, done);
    }

    [Fact]
    public void The_driver_leaves_the_comparator_disabled_with_the_default_thresholds()
    {
        using var emulator = NewEmulator();
        using var adc = new Ads1115Driver(emulator, InputMultiplexer.AIN0, MeasuringRange.FS4096, DataRate.SPS128, DeviceMode.PowerDown);

        Assert.Equal(0x8000, ReadRegister(emulator, 0x02));
        Assert.Equal(0x7FFF, ReadRegister(emulator, 0x03));
        Assert.Equal(0b11, emulator.ConfigRegister & 0b11);
    }

    private static Ads1115Emulator NewEmulator() =>
        new(Ads1115SoilTestBench.SteadyScenario(0.0), probeChannel: 0, new FakeTimeProvider(Ads1115SoilTestBench.PontianakNoon));

    private static int ReadRegister(Ads1115Emulator emulator, byte register)
    {
        Span<byte> value = stackalloc byte[2];
        emulator.WriteRead([register], value);
        return (value[0] << 8) | value[1];
    }
}
