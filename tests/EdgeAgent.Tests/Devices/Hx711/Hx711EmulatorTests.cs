using System.Device.Gpio;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>The emulated chip against the datasheet's timing diagram, driven pin by pin at the timing priority the agent's reader uses.</summary>
[Collection(PinTimingTestGroup.Name)]
public sealed class Hx711EmulatorTests : IDisposable
{
    private readonly TimingThreadPriority.Scope _priority = TimingThreadPriority.Raise();

    private const int Dout = Hx711TestBench.DataPin;
    private const int Sck = Hx711TestBench.ClockPin;

    [Fact]
    public void Dout_stays_high_until_the_first_conversion_after_power_up_then_falls()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.PowerUpSettling = TimeSpan.FromMilliseconds(30);
        Hx711TestBench.Scene(scenario, bench =>
        {
            var pins = OpenAsTheBindingDoes(bench);
            var poweredUp = Stopwatch.GetTimestamp();

            var highAtFirst = pins.Read(Dout);
            SpinUntil(() => pins.Read(Dout) == PinValue.Low, TimeSpan.FromSeconds(10));

            Assert.Equal(PinValue.High, highAtFirst);
            Assert.True(Stopwatch.GetElapsedTime(poweredUp) >= TimeSpan.FromMilliseconds(30));
        });
    }

    [Fact]
    public void Each_rising_clock_edge_shifts_out_the_next_bit_msb_first_and_the_25th_raises_dout()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var pins = OpenAsTheBindingDoes(bench);
            bench.Chip.PlaceLoad(1.0);
            SpinUntil(() => pins.Read(Dout) == PinValue.Low, TimeSpan.FromSeconds(10));

            var value = 0;
            for (var bit = 0; bit < 24; bit++)
            {
                pins.Write(Sck, PinValue.High);
                pins.Write(Sck, PinValue.Low);
                value = (value << 1) | (pins.Read(Dout) == PinValue.High ? 1 : 0);
            }

            pins.Write(Sck, PinValue.High);
            pins.Write(Sck, PinValue.Low);

            Assert.Equal(84_000 + 42_950, value);
            Assert.Equal(PinValue.High, pins.Read(Dout));
            Assert.Equal(Hx711Channel.AGain128, bench.Chip.NextChannel);
        });
    }

    [Fact]
    public void Holding_the_clock_high_past_60_microseconds_powers_the_chip_down_until_it_falls()
    {
        Hx711TestBench.Scene(null, bench =>
        {
            var pins = OpenAsTheBindingDoes(bench);
            SpinUntil(() => pins.Read(Dout) == PinValue.Low, TimeSpan.FromSeconds(10));
            ReadOneConversion(pins);

            pins.Write(Sck, PinValue.High);
            var rose = Stopwatch.GetTimestamp();
            SpinUntil(() => Stopwatch.GetElapsedTime(rose) > TimeSpan.FromMicroseconds(100), TimeSpan.FromSeconds(1));
            var whileDown = pins.Read(Dout);
            pins.Write(Sck, PinValue.Low);

            Assert.Equal(PinValue.High, whileDown);
            Assert.Equal(1, bench.Chip.PowerDowns);
            SpinUntil(() => pins.Read(Dout) == PinValue.Low, TimeSpan.FromSeconds(10));
        });
    }

    [Fact]
    public void An_unplugged_board_leaves_dout_high_through_the_pis_pull_up_however_long_the_host_waits()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        Hx711TestBench.Scene(scenario, bench =>
        {
            var pins = OpenAsTheBindingDoes(bench);
            var waited = Stopwatch.StartNew();
            var sawLow = false;

            while (waited.Elapsed < TimeSpan.FromMilliseconds(20))
            {
                sawLow |= pins.Read(Dout) == PinValue.Low;
            }

            Assert.False(sawLow);
        });
    }

    [Fact]
    public void The_load_and_its_ringing_follow_the_agents_clock()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.SettlingTime = TimeSpan.FromSeconds(1);
        var clock = new FakeTimeProvider(Hx711TestBench.Morning);
        var chip = new Hx711Emulator(scenario, clock);

        chip.PlaceLoad(5);
        var atOnce = chip.CurrentMassKg;
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var ringing = chip.CurrentMassKg;
        clock.Advance(TimeSpan.FromSeconds(1));
        var settled = chip.CurrentMassKg;

        Assert.Equal(0, atOnce);
        Assert.True(Math.Abs(ringing - 5) > 0.5, $"ringing at {ringing}");
        Assert.Equal(5, settled, 0.005);
    }

    [Fact]
    public void Scripted_deposits_put_a_bag_on_the_platform_for_a_while_each_period()
    {
        var scenario = new Hx711Scenario
        {
            DepositEvery = TimeSpan.FromMinutes(2),
            BagOnPlatformFor = TimeSpan.FromSeconds(20),
            SettlingTime = TimeSpan.FromSeconds(1),
        };
        var cycleStart = DateTimeOffset.UnixEpoch.AddMinutes(2 * 14_000_000);
        var bag = scenario.BagMassKg(14_000_000);

        Assert.Equal(0, scenario.MassAt(cycleStart.AddSeconds(29)));
        Assert.Equal(bag, scenario.MassAt(cycleStart.AddSeconds(45)), 0.001);
        Assert.Equal(0, scenario.MassAt(cycleStart.AddSeconds(59)), 0.001);
        Assert.InRange(bag, scenario.BagMinKg, scenario.BagMaxKg);
    }

    public void Dispose() => _priority.Dispose();

    private static ClockTimingController OpenAsTheBindingDoes(Hx711TestBench bench)
    {
        bench.Pins.OpenPin(Sck, PinMode.Output);
        bench.Pins.OpenPin(Dout, PinMode.Input);
        return bench.Pins;
    }

    private static void ReadOneConversion(GpioController pins)
    {
        for (var pulse = 0; pulse < 25; pulse++)
        {
            pins.Write(Sck, PinValue.High);
            pins.Write(Sck, PinValue.Low);
        }
    }

    private static void SpinUntil(Func<bool> condition, TimeSpan limit)
    {
        Assert.True(SpinWait.SpinUntil(condition, limit), "The condition did not come true in time.");
    }
}
