using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

/// <summary>
/// The pins of a GPIO driver's entry by role (<c>"Pins": { "Data": 5, "Clock": 6 }</c>), with the kit's pins for
/// roles left out, checked the same way for every GPIO driver (on real pins and emulated ones alike).
/// </summary>
internal sealed class GpioPinAssignment
{
    /// <summary>BCM 2 and 3 are the I2C bus (header pins 3 and 5) the other sensors share.</summary>
    private static readonly int[] I2cPins = [2, 3];

    private readonly IReadOnlyDictionary<string, int> _defaults;

    /// <param name="defaults">Every role the driver uses with the kit's BCM pin for it, in the order to report them.</param>
    public GpioPinAssignment(IReadOnlyDictionary<string, int> defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        _defaults = defaults;
    }

    /// <summary>The BCM pin of <paramref name="role"/> in <paramref name="options"/>, or the kit's pin.</summary>
    public int PinOf(SensorOptions options, string role)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Pins.TryGetValue(role, out var pin) ? pin : _defaults[role];
    }

    /// <summary>What is wrong with the entry's pins, in plain words naming the setting.</summary>
    public IEnumerable<string> Validate(SensorOptions options, string driverName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = string.Join(" and ", _defaults.Keys);
        foreach (var role in options.Pins.Keys)
        {
            if (!_defaults.ContainsKey(role))
            {
                yield return $"Pins:{role} is not a pin of {driverName}; it has {roles}";
            }
        }

        var used = new Dictionary<int, string>();
        foreach (var role in _defaults.Keys)
        {
            var pin = PinOf(options, role);
            if (pin is < 0 or >= EmulatedGpioDriver.HeaderPinCount)
            {
                yield return $"Pins:{role} {pin} is not a GPIO of the Pi's header (BCM 0 to {EmulatedGpioDriver.HeaderPinCount - 1})";
            }
            else if (I2cPins.Contains(pin))
            {
                yield return $"Pins:{role} {pin} is the I2C bus (GPIO2 and GPIO3); choose another pin";
            }
            else if (used.TryGetValue(pin, out var other))
            {
                yield return $"Pins:{role} {pin} is already Pins:{other}; each role needs its own pin";
            }
            else
            {
                used[pin] = role;
            }
        }
    }
}
