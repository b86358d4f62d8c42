using Pontive.Iot.Ingest.Reports.AirQuality;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>
/// ISPU by Permen LHK P.14/MENLHK/SETJEN/KUM.1/7/2020 at every edge of every band, on both sides, for PM2.5 and PM10:
/// the numbers the city publishes must be the regulation's, not off by one at a boundary.
/// </summary>
public sealed class IspuTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(15.5, 50)]
    [InlineData(15.6, 51)]
    [InlineData(55.4, 100)]
    [InlineData(55.5, 101)]
    [InlineData(150.4, 200)]
    [InlineData(150.5, 201)]
    [InlineData(250.4, 300)]
    [InlineData(250.5, 301)]
    [InlineData(500.0, 500)]
    public void Pm25_at_each_breakpoint_is_the_index_the_table_gives(double concentration, int expected) =>
        Assert.Equal(expected, Ispu.Pm25(concentration).Index);

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(50.0, 50)]
    [InlineData(51.0, 51)]
    [InlineData(150.0, 100)]
    [InlineData(151.0, 101)]
    [InlineData(350.0, 200)]
    [InlineData(351.0, 201)]
    [InlineData(420.0, 300)]
    [InlineData(421.0, 301)]
    [InlineData(500.0, 500)]
    public void Pm10_at_each_breakpoint_is_the_index_the_table_gives(double concentration, int expected) =>
        Assert.Equal(expected, Ispu.Pm10(concentration).Index);

    [Theory]
    [InlineData(15.55, 50)]
    [InlineData(15.59, 50)]
    [InlineData(55.49, 100)]
    [InlineData(150.45, 200)]
    [InlineData(250.49, 300)]
    public void A_pm25_concentration_between_two_bands_is_truncated_to_a_tenth_and_stays_in_the_lower_band(double concentration, int expected) =>
        Assert.Equal(expected, Ispu.Pm25(concentration).Index);

    [Theory]
    [InlineData(50.9, 50)]
    [InlineData(150.99, 100)]
    [InlineData(350.5, 200)]
    [InlineData(420.7, 300)]
    public void A_pm10_concentration_between_two_bands_is_truncated_to_a_whole_microgram_and_stays_in_the_lower_band(double concentration, int expected) =>
        Assert.Equal(expected, Ispu.Pm10(concentration).Index);

    [Theory]
    [InlineData(35.5, 76)] // (100-51)/(55.4-15.6) × (35.5-15.6) + 51 = 75.5, a half: away from zero.
    [InlineData(7.75, 25)] // 50/15.5 × 7.7 = 24.8 (7.75 is read as 7.7).
    [InlineData(100.0, 147)] // 99/94.9 × 44.5 + 101 = 147.42.
    [InlineData(200.0, 250)] // 99/99.9 × 49.5 + 201 = 250.05.
    [InlineData(400.0, 420)] // 199/249.5 × 149.5 + 301 = 420.24.
    public void Pm25_inside_a_band_is_interpolated_linearly_and_rounded_to_a_whole_number(double concentration, int expected) =>
        Assert.Equal(expected, Ispu.Pm25(concentration).Index);

    [Theory]
    [InlineData(100.0, 75)] // 49/99 × 49 + 51 = 75.25.
    [InlineData(250.0, 150)] // 99/199 × 99 + 101 = 150.25.
    [InlineData(385.0, 250)] // 99/69 × 34 + 201 = 249.78.
    [InlineData(460.0, 399)] // 199/79 × 39 + 301 = 399.24.
    public void Pm10_inside_a_band_is_interpolated_linearly_and_rounded_to_a_whole_number(double concentration, int expected) =>
        Assert.Equal(expected, Ispu.Pm10(concentration).Index);

    [Theory]
    [InlineData(500.1)]
    [InlineData(1000.0)]
    public void Above_the_top_of_the_table_the_index_stays_500_and_berbahaya(double concentration)
    {
        Assert.Equal(new IspuValue(500, IspuCategory.Berbahaya), Ispu.Pm25(concentration));
        Assert.Equal(new IspuValue(500, IspuCategory.Berbahaya), Ispu.Pm10(concentration));
    }

    [Theory]
    [InlineData(0, "Baik", "green")]
    [InlineData(50, "Baik", "green")]
    [InlineData(51, "Sedang", "blue")]
    [InlineData(100, "Sedang", "blue")]
    [InlineData(101, "Tidak Sehat", "yellow")]
    [InlineData(200, "Tidak Sehat", "yellow")]
    [InlineData(201, "Sangat Tidak Sehat", "red")]
    [InlineData(300, "Sangat Tidak Sehat", "red")]
    [InlineData(301, "Berbahaya", "black")]
    [InlineData(500, "Berbahaya", "black")]
    public void Each_index_falls_in_the_regulations_category_with_its_colour(int index, string name, string color)
    {
        var category = IspuCategory.Of(index);

        Assert.Equal(name, category.Name);
        Assert.Equal(color, category.Color);
    }

    [Fact]
    public void The_category_of_a_concentration_is_the_category_of_its_index()
    {
        Assert.Equal(IspuCategory.Sedang, Ispu.Pm25(15.6).Category);
        Assert.Equal(IspuCategory.TidakSehat, Ispu.Pm10(151).Category);
        Assert.Equal(IspuCategory.SangatTidakSehat, Ispu.Pm25(150.5).Category);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_negative_or_missing_concentration_is_refused(double concentration) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Ispu.Pm25(concentration));
}
