namespace Pontive.Iot.EdgeAgent.Configuration;

public enum HardwareMode
{
    /// <summary>The Raspberry Pi's real buses: /dev/i2c-1, /dev/gpiochip0, serial ports.</summary>
    Real,

    /// <summary>Bus-level emulators behind the same drivers: for tests, the demo and a laptop.</summary>
    Emulated,
}

/// <summary>Which buses the drivers talk to: section <c>Hardware</c>.</summary>
public sealed class HardwareOptions
{
    public const string Section = "Hardware";

    public HardwareMode Mode { get; set; } = HardwareMode.Real;
}
