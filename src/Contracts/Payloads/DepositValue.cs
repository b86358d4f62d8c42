namespace Pontive.Iot.Contracts.Payloads;

/// <summary>The money rule of a deposit: value = mass × unit price, to the nearest rupiah.</summary>
public static class DepositValue
{
    /// <summary>The value a device writes: halves round away from zero (2.5 → 3), as on a calculator.</summary>
    public static long Compute(decimal massKg, long unitPriceIdr) =>
        (long)Math.Round(massKg * unitPriceIdr, 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Whether <paramref name="valueIdr"/> is mass × price rounded to the nearest rupiah. A tie may have
    /// gone either way (devices from other makers may round half to even), nothing else is accepted.
    /// </summary>
    public static bool Matches(decimal massKg, long unitPriceIdr, long valueIdr) =>
        Math.Abs(massKg * unitPriceIdr - valueIdr) <= 0.5m;
}
