using Pontive.Iot.Ingest.Dashboard.Charts;
using Pontive.Iot.Ingest.Reports.AirQuality;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>The ISPU colour bands behind PM charts start exactly where the regulation's categories start.</summary>
public sealed class IspuBandsTests
{
    [Fact]
    public void Pm25_bands_start_at_the_regulations_lower_edges()
    {
        var bands = IspuBands.For(IspuParameter.Pm25);

        Assert.Equal(["baik", "sedang", "tidak_sehat", "sangat_tidak_sehat", "berbahaya"], bands.Select(b => b.Category.Code));
        Assert.Equal([0, 15.6, 55.5, 150.5, 250.5], bands.Select(b => b.From));
        Assert.Equal([15.6, 55.5, 150.5, 250.5, (double?)null], bands.Select(b => b.To));
    }

    [Fact]
    public void Pm10_bands_start_at_the_regulations_lower_edges()
    {
        Assert.Equal([0, 51, 151, 351, 421], IspuBands.For(IspuParameter.Pm10).Select(b => b.From));
    }

    [Theory]
    [InlineData(15.55, "baik")]
    [InlineData(15.6, "sedang")]
    [InlineData(150.49, "tidak_sehat")]
    [InlineData(250.5, "berbahaya")]
    public void A_concentration_drawn_in_a_band_has_that_bands_category_in_the_reports(double concentration, string category)
    {
        var band = IspuBands.For(IspuParameter.Pm25).Last(b => b.From <= concentration);

        Assert.Equal(category, band.Category.Code);
        Assert.Equal(Ispu.Pm25(concentration).Category, band.Category);
    }

    [Fact]
    public void The_colours_are_the_reports_colours_green_blue_yellow_red_black()
    {
        Assert.Equal(["#2e9e44", "#1f6fd1", "#f2c230", "#d93a2b", "#000000"], IspuBands.For(IspuParameter.Pm25).Select(b => b.Category.ColorHex));
    }
}
