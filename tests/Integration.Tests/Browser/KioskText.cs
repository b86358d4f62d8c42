using System.Globalization;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// What the kiosk page should show for a figure, written out here independently of its JavaScript: kg with a decimal
/// comma in Indonesian and a dot in English, to the scale's resolution on every screen, and rupiah with Indonesian
/// grouping.
/// </summary>
public static class KioskText
{
    /// <summary>The decimals of the test scale's 5 g division (and of a scale whose resolution is not known).</summary>
    public const int ScaleDecimals = 3;

    /// <summary>"1,200 kg": always <see cref="ScaleDecimals"/> decimals, so the same mass reads the same everywhere.</summary>
    public static string Kg(decimal massKg, bool english = false)
    {
        var invariant = massKg.ToString("#,0." + new string('0', ScaleDecimals), CultureInfo.InvariantCulture);
        return (english ? invariant : SwapSeparators(invariant)) + " kg";
    }

    /// <summary>"Rp 7.035" in both languages.</summary>
    public static string Rupiah(long idr) => "Rp " + SwapSeparators(idr.ToString("#,0", CultureInfo.InvariantCulture));

    private static string SwapSeparators(string invariant) =>
        string.Concat(invariant.Select(c => c switch { ',' => '.', '.' => ',', _ => c }));
}
