namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>The input and gain of the next conversion, chosen by the number of PD_SCK pulses of a read (25, 26 or 27).</summary>
internal enum Hx711Channel
{
    /// <summary>25 pulses: channel A, gain 128 (±20 mV full scale at 5 V); the load cell.</summary>
    AGain128,

    /// <summary>26 pulses: channel B, gain 32.</summary>
    BGain32,

    /// <summary>27 pulses: channel A, gain 64.</summary>
    AGain64,
}
