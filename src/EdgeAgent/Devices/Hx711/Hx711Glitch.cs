namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>The corrupted conversions HX711 users report, which an emulated chip can produce on request.</summary>
internal enum Hx711Glitch
{
    /// <summary>A lone value far from its neighbours (+400,000 counts: about 9 kg on the default cell).</summary>
    Spike,

    /// <summary>The value shifted one bit left: a clock pulse too many, read as twice the weight.</summary>
    Doubled,

    /// <summary>0xFFFFFF (-1): DOUT read high for every bit, as when the wire lets go mid-read.</summary>
    AllOnes,
}
