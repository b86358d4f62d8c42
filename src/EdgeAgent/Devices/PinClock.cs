using System.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Devices;

/// <summary>
/// Pin timing in <see cref="Stopwatch"/> ticks: the clock the bindings time their pulses with, so an emulated part
/// sees the same microseconds the driver meant. Wall-clock time (<see cref="TimeProvider"/>) is for the scenario
/// (what lies on the scale, how full the bin is); pulse widths are real time.
/// </summary>
internal static class PinClock
{
    public static long Now => Stopwatch.GetTimestamp();

    public static long FromMicroseconds(double microseconds) =>
        (long)Math.Round(microseconds * Stopwatch.Frequency / 1_000_000.0);

    public static long From(TimeSpan duration) => FromMicroseconds(duration.Ticks / 10.0);

    public static double ToMicroseconds(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
