namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>
/// A value axis with round tick steps (1, 2, 2.5 or 5 times a power of ten) that covers the data: what a person
/// would draw by hand, so the gridlines read as 0, 50, 100 rather than 0, 47.3, 94.6.
/// </summary>
public sealed record AxisScale(double Minimum, double Maximum, double Step)
{
    /// <summary>The tick values from <see cref="Minimum"/> to <see cref="Maximum"/>, both included.</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            var count = (int)Math.Round((Maximum - Minimum) / Step);
            return [.. Enumerable.Range(0, count + 1).Select(i => Math.Round(Minimum + (i * Step), 10))];
        }
    }

    /// <summary>
    /// An axis over [<paramref name="low"/>, <paramref name="high"/>] with at most <paramref name="maxTicks"/> intervals.
    /// An empty or flat range still gets an axis (0 to 1, or around the single value).
    /// </summary>
    public static AxisScale Covering(double low, double high, int maxTicks = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 1);
        if (double.IsNaN(low) || double.IsNaN(high) || double.IsInfinity(low) || double.IsInfinity(high))
        {
            return new AxisScale(0, 1, 0.25);
        }

        if (high < low)
        {
            (low, high) = (high, low);
        }

        if (high - low < 1e-9)
        {
            // A flat line: centre it, one unit (or a tenth of the value) either side.
            var pad = Math.Abs(high) > 1e-9 ? Math.Abs(high) * 0.1 : 1;
            (low, high) = (low >= 0 && low - pad < 0 ? 0 : low - pad, high + pad);
        }

        var step = NiceStep((high - low) / maxTicks);
        var minimum = Math.Floor((low / step) + 1e-9) * step;
        var maximum = Math.Ceiling((high / step) - 1e-9) * step;
        while ((maximum - minimum) / step > maxTicks + 1e-9)
        {
            step = NiceStep(step * 1.01);
            minimum = Math.Floor((low / step) + 1e-9) * step;
            maximum = Math.Ceiling((high / step) - 1e-9) * step;
        }

        return new AxisScale(minimum, maximum, step);
    }

    /// <summary>The position of <paramref name="value"/> between <paramref name="from"/> (at Minimum) and <paramref name="to"/> (at Maximum).</summary>
    public double Map(double value, double from, double to) => from + ((value - Minimum) / (Maximum - Minimum) * (to - from));

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        var nice = fraction switch
        {
            <= 1 + 1e-9 => 1,
            <= 2 + 1e-9 => 2,
            <= 2.5 + 1e-9 => 2.5,
            <= 5 + 1e-9 => 5,
            _ => 10,
        };
        return nice * power;
    }
}
