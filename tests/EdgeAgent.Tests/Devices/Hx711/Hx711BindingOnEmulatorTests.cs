using System.Device.Gpio;
using Iot.Device.Hx711;
using Pontive.Iot.EdgeAgent.Devices;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;
using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>
/// The Iot.Device.Hx711 binding 4.2.0, unchanged, clocking the pin-level emulator: every public path, and the
/// binding's defects as the agent meets them. The chip is always present here: with DOUT high the binding would spin.
/// Unguarded, a read preempted with the clock high is corrupted (the defect the agent's sensor guards against), so
/// these run alone, at the timing priority the agent's reader asks for.
/// </summary>
[Collection(PinTimingTestGroup.Name)]
public sealed class Hx711BindingOnEmulatorTests : IDisposable
{
    private readonly TimingThreadPriority.Scope _priority = TimingThreadPriority.Raise();

    private const double CountsPerGram = 42.95;

    private static readonly TimeSpan SlowConversion = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void A_single_read_with_a_ratio_of_one_returns_the_raw_counts_the_chip_converted()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);
            bench.Chip.PlaceLoad(2.0);

            var raw = binding.GetWeight(1).Grams;

            Assert.Equal(84_000 + (2.0 * 42_950), raw);
        });
    }

    [Fact]
    public void A_negative_load_comes_out_as_a_negative_twos_complement_value()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.OffsetCounts = -300_000;
        Hx711TestBench.Scene(scenario, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);

            Assert.Equal(-300_000, binding.GetWeight(1).Grams);
        });
    }

    [Fact]
    public void An_overloaded_cell_reads_the_top_of_the_adc_range()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);
            bench.Chip.PlaceLoad(500);

            Assert.Equal(Hx711Emulator.MaxCounts, binding.GetWeight(1).Grams);
        });
    }

    [Fact]
    public void PowerUp_zeroes_the_empty_platform_and_GetWeight_then_weighs_in_whole_grams_only()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(CountsPerGram);
            binding.PowerUp();
            bench.Chip.PlaceLoad(1.23456);

            var weight = binding.GetWeight();

            // The defect: 1234.56 g comes back as 1235 g, a whole gram; the chip resolves 0.023 g.
            Assert.Equal(1235, weight.Grams);
        });
    }

    [Fact]
    public void GetWeight_of_two_readings_throws_because_the_binding_reads_past_its_median_list()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(CountsPerGram);

            Assert.Throws<ArgumentOutOfRangeException>(() => binding.GetWeight(2));
        });
    }

    [Fact]
    public void GetWeight_of_five_or_more_readings_trims_a_lone_spike_from_its_average()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);
            bench.Chip.PlaceLoad(1.0);
            bench.Chip.InjectGlitch(Hx711Glitch.Spike);

            Assert.Equal(84_000 + 42_950, binding.GetWeight(5).Grams);
        });
    }

    [Fact]
    public void GetWeight_of_three_readings_takes_their_median_and_drops_a_doubled_value()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);
            bench.Chip.InjectGlitch(Hx711Glitch.Doubled);

            Assert.Equal(84_000, binding.GetWeight(3).Grams);
        });
    }

    [Fact]
    public void Tare_makes_the_current_load_zero()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(CountsPerGram);
            binding.PowerUp();
            bench.Chip.PlaceLoad(3.0);
            binding.Tare(3);
            bench.Chip.PlaceLoad(3.5);

            Assert.Equal(500, binding.GetWeight().Grams);
            Assert.Equal(3000, binding.TareValue.Grams, 0.5);
        });
    }

    [Fact]
    public void SetCalibration_with_a_known_weight_finds_the_counts_per_gram()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.PowerUp();
            bench.Chip.PlaceLoad(5.0);

            binding.SetCalibration(Mass.FromKilograms(5), numberOfReads: 5);

            Assert.Equal(CountsPerGram, binding.ConversionRatio, 0.01);
            Assert.Equal(5000, binding.GetWeight().Grams);
        });
    }

    [Fact]
    public void Weighing_before_any_calibration_is_refused()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();

            Assert.Throws<Hx711CalibrationNotDoneException>(() => binding.GetWeight());
        });
    }

    [Fact]
    public void PowerDown_holds_the_clock_high_and_the_chip_stops_until_PowerUp()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);
            _ = binding.GetWeight(1);

            binding.PowerDown();

            Assert.Equal(PinValue.High, bench.Pins.Read(Hx711TestBench.DataPin));
            binding.PowerUp();
            Assert.Equal(1, bench.Chip.PowerDowns);
            bench.Chip.PlaceLoad(1.0);
            Assert.Equal(42_950, binding.GetWeight(1).Grams);
        });
    }

    [Fact]
    public void Reset_powers_the_chip_down_and_up_again()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding();
            binding.SetConversionRatio(1.0);
            binding.PowerUp();

            binding.Reset();

            Assert.Equal(1, bench.Chip.PowerDowns);
            bench.Chip.PlaceLoad(2.0);
            Assert.Equal(2 * 42_950, binding.GetWeight(1).Grams);
        });
    }

    [Theory]
    [InlineData(Hx711Mode.ChannelAGain128, nameof(Hx711Channel.AGain128))]
    [InlineData(Hx711Mode.ChannelBGain32, nameof(Hx711Channel.BGain32))]
    [InlineData(Hx711Mode.ChannelAGain64, nameof(Hx711Channel.AGain64))]
    public void The_pulses_after_the_data_choose_the_next_conversions_channel_and_gain(Hx711Mode mode, string expectedChannel)
    {
        var expected = Enum.Parse<Hx711Channel>(expectedChannel);
        Hx711TestBench.Scene(Hx711TestBench.QuietScenario(SlowConversion), bench =>
        {
            var binding = bench.ConnectBinding(mode);
            binding.SetConversionRatio(1.0);

            _ = binding.GetWeight(1);

            Assert.Equal(expected, bench.Chip.NextChannel);
        });
    }

    [Fact]
    public void At_gain_64_the_same_load_reads_half_the_counts_from_the_second_read_on()
    {
        Hx711TestBench.Scene(Hx711TestBench.QuietScenario(SlowConversion), bench =>
        {
            var binding = bench.ConnectBinding(Hx711Mode.ChannelAGain64);
            binding.SetConversionRatio(1.0);

            // After power-up the chip converts at channel A, gain 128; the first read's 27 pulses switch it to gain 64.
            var first = binding.GetWeight(1).Grams;
            var second = binding.GetWeight(1).Grams;

            Assert.Equal(84_000, first);
            Assert.Equal(42_000, second);
        });
    }

    [Fact]
    public void The_little_endian_option_scrambles_the_bytes_of_a_standard_board()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var binding = bench.ConnectBinding(littleEndian: true);
            binding.SetConversionRatio(1.0);

            // 84,000 is 0x01_48_20 on the wire; taken as least significant byte first it becomes 0x20_48_01.
            Assert.Equal(0x20_48_01, binding.GetWeight(1).Grams);
        });
    }

    public void Dispose() => _priority.Dispose();
}
