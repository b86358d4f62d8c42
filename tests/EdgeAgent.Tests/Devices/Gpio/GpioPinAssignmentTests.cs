using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;

public sealed class GpioPinAssignmentTests
{
    private static readonly GpioPinAssignment ClockAndData = new(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["Data"] = 5,
        ["Clock"] = 6,
    });

    [Fact]
    public void Roles_left_out_take_the_kits_pins()
    {
        var options = new SensorOptions { Pins = new(StringComparer.OrdinalIgnoreCase) { ["Data"] = 16 } };

        Assert.Equal(16, ClockAndData.PinOf(options, "Data"));
        Assert.Equal(6, ClockAndData.PinOf(options, "Clock"));
        Assert.Empty(ClockAndData.Validate(options, "hx711"));
    }

    [Theory]
    [InlineData("Data", 40, "Pins:Data 40 is not a GPIO of the Pi's header (BCM 0 to 27)")]
    [InlineData("Data", 2, "Pins:Data 2 is the I2C bus (GPIO2 and GPIO3); choose another pin")]
    [InlineData("Clock", 5, "Pins:Clock 5 is already Pins:Data; each role needs its own pin")]
    [InlineData("Dout", 5, "Pins:Dout is not a pin of hx711; it has Data and Clock")]
    public void A_wrong_pin_is_named_with_what_is_wrong(string role, int pin, string expected)
    {
        var options = new SensorOptions { Pins = new(StringComparer.OrdinalIgnoreCase) { [role] = pin } };

        Assert.Contains(expected, ClockAndData.Validate(options, "hx711"));
    }
}
