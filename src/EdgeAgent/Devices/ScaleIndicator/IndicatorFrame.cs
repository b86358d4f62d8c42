namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// One weight frame from a scale indicator, as it came: the value in the indicator's unit with the decimals it
/// showed. Nothing is converted here; <see cref="ScaleIndicatorSensor"/> turns it into kilograms.
/// </summary>
/// <param name="Status">Stable, unstable or overload, as the indicator flags it (or not reported by the format).</param>
/// <param name="Kind">Gross, net (the indicator's own tare taken off) or the tare itself.</param>
/// <param name="Value">The weight; null when the indicator sends no number (an overload frame).</param>
/// <param name="Decimals">Digits after the decimal point: the indicator's division is 10^-Decimals of the unit or a multiple of it.</param>
/// <param name="Unit">The unit the frame names (<c>kg</c>, <c>g</c>…), or null when the format carries none.</param>
internal sealed record IndicatorFrame(IndicatorStatus Status, IndicatorWeightKind Kind, decimal? Value, int Decimals, string? Unit)
{
    /// <summary>The value in the indicator's smallest displayed step: 12.35 with 2 decimals is 1235.</summary>
    public long? Divisions => Value is { } value ? (long)(value * Pow10(Decimals)) : null;

    public static decimal Pow10(int decimals)
    {
        var result = 1m;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }
}

/// <summary>The indicator's own verdict on the weight.</summary>
internal enum IndicatorStatus
{
    /// <summary>Settled (ST).</summary>
    Stable,

    /// <summary>Still moving (US).</summary>
    Unstable,

    /// <summary>Beyond the scale's capacity (OL); no weight is given.</summary>
    Overload,

    /// <summary>The format has no stability flag; only the agent's stable-weight detector can tell.</summary>
    NotReported,
}

/// <summary>Which weight a frame carries.</summary>
internal enum IndicatorWeightKind
{
    /// <summary>GS: everything on the platform.</summary>
    Gross,

    /// <summary>NT: gross minus the tare the indicator took itself.</summary>
    Net,

    /// <summary>TR: the indicator's tare.</summary>
    Tare,
}
