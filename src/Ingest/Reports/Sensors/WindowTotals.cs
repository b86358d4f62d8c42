namespace Pontive.Iot.Ingest.Reports.Sensors;

/// <summary>
/// A window's sum, sample count, min and max, added up from the parts of it each source answered. Means are taken at the
/// end as <see cref="Sum"/> / <see cref="Count"/>, never averaged from the parts' means.
/// </summary>
public readonly record struct WindowTotals(double Sum, long Count, double? Min, double? Max)
{
    public WindowTotals Add(double sum, long count, double? min, double? max) =>
        new(Sum + sum, Count + count, Lower(Min, min), Higher(Max, max));

    private static double? Lower(double? a, double? b) => a is { } x && b is { } y ? Math.Min(x, y) : a ?? b;

    private static double? Higher(double? a, double? b) => a is { } x && b is { } y ? Math.Max(x, y) : a ?? b;
}
