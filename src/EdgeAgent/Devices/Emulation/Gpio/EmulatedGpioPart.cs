using System.Device.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

/// <summary>
/// A part wired to some header pins of an <see cref="EmulatedGpioDriver"/> (an HX711 board, an ultrasonic module).
/// It hears the edges the host drives on its input pins and answers with the level it drives on its output pins,
/// both stamped with <see cref="PinClock"/> ticks. Levels are worked out when the host looks, from the time of the
/// last edge, so a part needs no thread or timer of its own and costs nothing while nobody reads it.
/// </summary>
/// <remarks>The board calls both methods under its lock, one call at a time.</remarks>
internal abstract class EmulatedGpioPart
{
    /// <summary>The BCM numbers of the pins this part is wired to.</summary>
    public abstract IReadOnlyCollection<int> Pins { get; }

    /// <summary>
    /// The level the host side puts on <paramref name="pin"/> changed at <paramref name="timestamp"/>: an edge the host
    /// drove, or the Pi's pull taking over a released line. Also called once per pin when the board is built, with
    /// the pull level of an undriven line. A part ignores calls for the pins it drives itself.
    /// </summary>
    protected internal abstract void OnHostEdge(int pin, PinValue level, long timestamp);

    /// <summary>
    /// The level the part drives on <paramref name="pin"/> at <paramref name="timestamp"/>, or null when it drives
    /// nothing there (an input of the part, or the part is unplugged): then the Pi's pull resistor decides.
    /// </summary>
    protected internal abstract PinValue? DrivenLevel(int pin, long timestamp);
}
