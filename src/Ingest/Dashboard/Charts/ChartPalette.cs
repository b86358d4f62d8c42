namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>
/// Colours for categories and series: the Okabe–Ito set, which readers with the common colour-vision deficiencies can
/// tell apart, and which stays distinct in greyscale print together with the text labels every chart carries.
/// </summary>
public static class ChartPalette
{
    private static readonly string[] Colours = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f7f7f"];

    /// <summary>Colours for series drawn over ISPU bands: dark enough to read over green, blue, yellow, red and grey.</summary>
    private static readonly string[] LineColours = ["#3b1f6e", "#a0005a", "#004d40", "#7a4a00"];

    public static string Category(int index) => Colours[index % Colours.Length];

    public static string Line(int index) => LineColours[index % LineColours.Length];
}
