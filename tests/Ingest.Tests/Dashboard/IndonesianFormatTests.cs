using Pontive.Iot.Ingest.Dashboard;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>Figures written as the city office writes them.</summary>
public sealed class IndonesianFormatTests
{
    [Fact]
    public void Thousands_take_a_dot_and_decimals_a_comma()
    {
        Assert.Equal("1.868,322", IndonesianFormat.Number(1868.322m));
        Assert.Equal("Rp 3.603.142", IndonesianFormat.Rupiah(3_603_142));
        Assert.Equal("41,2 kg", IndonesianFormat.Kilograms(41.2m));
    }

    [Fact]
    public void Axis_figures_are_shortened_with_indonesian_units()
    {
        Assert.Equal("3,6 jt", IndonesianFormat.Abbreviated(3_600_000));
        Assert.Equal("150 rb", IndonesianFormat.Abbreviated(150_000));
        Assert.Equal("2,5", IndonesianFormat.Abbreviated(2.5));
    }

    [Fact]
    public void Months_and_spans_are_in_indonesian()
    {
        Assert.Equal("November 2026", IndonesianFormat.Month(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7))));
        Assert.Equal("Agu", IndonesianFormat.MonthShort(8));
        Assert.Equal("1 jam", IndonesianFormat.Duration(TimeSpan.FromHours(1)));
        Assert.Equal("25 hari", IndonesianFormat.Duration(TimeSpan.FromDays(25.4)));
    }
}
