using System.Device.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;

/// <summary>The emulated header behaves as a Pi's: modes, pulls, what reaches a part, and when.</summary>
public sealed class EmulatedGpioDriverTests
{
    [Fact]
    public void A_write_to_a_pin_that_is_not_an_output_never_reaches_the_part()
    {
        var part = new RecordingPart(input: 17, output: 27);
        using var pins = new GpioController(new EmulatedGpioDriver(part));
        pins.OpenPin(17, PinMode.Input);

        pins.Write(17, PinValue.High);

        Assert.DoesNotContain(part.Edges, edge => edge.Level == PinValue.High);
    }

    [Fact]
    public void An_output_pin_passes_each_change_of_level_to_the_part_once_with_its_time()
    {
        var part = new RecordingPart(input: 17, output: 27);
        using var pins = new GpioController(new EmulatedGpioDriver(part));
        pins.OpenPin(17, PinMode.Output);
        part.Edges.Clear();

        pins.Write(17, PinValue.High);
        pins.Write(17, PinValue.High);
        pins.Write(17, PinValue.Low);

        Assert.Equal([PinValue.High, PinValue.Low], part.Edges.Select(e => e.Level));
        Assert.True(part.Edges[1].Timestamp >= part.Edges[0].Timestamp);
        Assert.Equal(PinValue.Low, pins.Read(17));
    }

    [Fact]
    public void A_pin_reads_the_level_its_part_drives()
    {
        var part = new RecordingPart(input: 17, output: 27) { Driving = PinValue.High };
        using var pins = new GpioController(new EmulatedGpioDriver(part));
        pins.OpenPin(27, PinMode.Input);

        Assert.Equal(PinValue.High, pins.Read(27));
        part.Driving = PinValue.Low;
        Assert.Equal(PinValue.Low, pins.Read(27));
    }

    [Theory]
    [InlineData(5, PinMode.Input, 1)]
    [InlineData(8, PinMode.Input, 1)]
    [InlineData(24, PinMode.Input, 0)]
    [InlineData(24, PinMode.InputPullUp, 1)]
    [InlineData(5, PinMode.InputPullDown, 0)]
    public void An_undriven_input_reads_the_pis_pull(int pin, PinMode mode, int expected)
    {
        using var pins = new GpioController(new EmulatedGpioDriver());
        pins.OpenPin(pin, mode);

        Assert.Equal((PinValue)expected, pins.Read(pin));
    }

    [Fact]
    public void A_part_first_sees_each_of_its_lines_at_the_pull_level_of_a_freshly_booted_pi()
    {
        var part = new RecordingPart(input: 6, output: 27);

        _ = new EmulatedGpioDriver(part);

        Assert.Contains(part.Edges, edge => edge.Pin == 6 && edge.Level == PinValue.High);
    }

    [Fact]
    public void Making_a_pulled_up_line_an_output_at_low_is_a_falling_edge_for_the_part()
    {
        var part = new RecordingPart(input: 6, output: 27);
        using var pins = new GpioController(new EmulatedGpioDriver(part));
        part.Edges.Clear();

        pins.OpenPin(6, PinMode.Output);

        Assert.Equal([PinValue.Low], part.Edges.Select(e => e.Level));
    }

    [Fact]
    public void The_driver_reports_the_mode_the_binding_set()
    {
        var header = new EmulatedGpioDriver();
        using var pins = new GpioController(header);
        pins.OpenPin(23, PinMode.Output);

        Assert.Equal(PinMode.Output, header.ModeOf(23));
        Assert.Equal(PinMode.Output, pins.GetPinMode(23));
        Assert.Null(header.ModeOf(24));
    }

    [Fact]
    public void Two_parts_on_one_pin_are_a_wiring_mistake()
    {
        var first = new RecordingPart(input: 17, output: 27);
        var second = new RecordingPart(input: 22, output: 27);

        var error = Assert.Throws<ArgumentException>(() => new EmulatedGpioDriver(first, second));

        Assert.Contains("GPIO27", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pin_beyond_the_header_cannot_be_opened()
    {
        using var pins = new GpioController(new EmulatedGpioDriver());

        Assert.Throws<ArgumentOutOfRangeException>(() => pins.OpenPin(40));
    }

    [Fact]
    public void Waiting_for_an_edge_that_never_comes_times_out()
    {
        using var pins = new GpioController(new EmulatedGpioDriver());
        pins.OpenPin(24, PinMode.Input);

        var result = pins.WaitForEvent(24, PinEventTypes.Rising, TimeSpan.FromMilliseconds(20));

        Assert.True(result.TimedOut);
    }

    [Fact]
    public void Waiting_for_an_edge_sees_the_part_raise_its_line()
    {
        var part = new RecordingPart(input: 17, output: 27) { RisesAfterReads = 3 };
        using var pins = new GpioController(new EmulatedGpioDriver(part));
        pins.OpenPin(27, PinMode.Input);

        var result = pins.WaitForEvent(27, PinEventTypes.Rising, TimeSpan.FromSeconds(20));

        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Rising, result.EventTypes);
    }

    [Fact]
    public void Pin_change_callbacks_are_refused_with_a_reason()
    {
        using var pins = new GpioController(new EmulatedGpioDriver());
        pins.OpenPin(24, PinMode.Input);

        Assert.Throws<NotSupportedException>(() => pins.RegisterCallbackForPinValueChangedEvent(24, PinEventTypes.Rising, (_, _) => { }));
    }

    /// <summary>A part that notes every edge it is told about and drives a level the test sets.</summary>
    private sealed class RecordingPart(int input, int output) : EmulatedGpioPart
    {
        private volatile bool _high;
        private int _reads;

        /// <summary>When above zero, the output goes high by itself once the host has read it this many times.</summary>
        public int RisesAfterReads { get; init; }

        public List<(int Pin, PinValue Level, long Timestamp)> Edges { get; } = [];

        public PinValue Driving
        {
            get => _high ? PinValue.High : PinValue.Low;
            set => _high = value == PinValue.High;
        }

        public override IReadOnlyCollection<int> Pins => [input, output];

        protected internal override void OnHostEdge(int pin, PinValue level, long timestamp) => Edges.Add((pin, level, timestamp));

        protected internal override PinValue? DrivenLevel(int pin, long timestamp)
        {
            if (pin != output)
            {
                return null;
            }

            if (RisesAfterReads > 0 && ++_reads > RisesAfterReads)
            {
                _high = true;
            }

            return Driving;
        }
    }
}
