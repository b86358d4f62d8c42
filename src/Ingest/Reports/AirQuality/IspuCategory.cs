namespace Pontive.Iot.Ingest.Reports.AirQuality;

/// <summary>
/// An ISPU category with the regulation's name and colour. The hex values are this project's choice for drawing
/// the colour the regulation names; the regulation names colours, not codes.
/// </summary>
public sealed record IspuCategory(string Code, string Name, string NameEn, string Color, string ColorHex, int From, int? To)
{
    public static IspuCategory Baik { get; } = new("baik", "Baik", "Good", "green", "#2e9e44", 0, 50);

    public static IspuCategory Sedang { get; } = new("sedang", "Sedang", "Moderate", "blue", "#1f6fd1", 51, 100);

    public static IspuCategory TidakSehat { get; } = new("tidak_sehat", "Tidak Sehat", "Unhealthy", "yellow", "#f2c230", 101, 200);

    public static IspuCategory SangatTidakSehat { get; } = new("sangat_tidak_sehat", "Sangat Tidak Sehat", "Very unhealthy", "red", "#d93a2b", 201, 300);

    public static IspuCategory Berbahaya { get; } = new("berbahaya", "Berbahaya", "Hazardous", "black", "#000000", 301, null);

    public static IReadOnlyList<IspuCategory> All { get; } = [Baik, Sedang, TidakSehat, SangatTidakSehat, Berbahaya];

    /// <summary>The category of a whole ISPU number (0 and up).</summary>
    public static IspuCategory Of(int index) => index switch
    {
        <= 50 => Baik,
        <= 100 => Sedang,
        <= 200 => TidakSehat,
        <= 300 => SangatTidakSehat,
        _ => Berbahaya,
    };
}
