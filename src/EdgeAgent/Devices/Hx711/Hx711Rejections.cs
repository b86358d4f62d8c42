using System.Globalization;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>Why a conversion was thrown away.</summary>
internal enum Hx711Rejection
{
    /// <summary>A PD_SCK pulse outlasted the datasheet's 50 µs (the thread was preempted): the chip may have powered down mid-read.</summary>
    ClockHeldTooLong,

    /// <summary>0xFFFFFF (all ones), 0x7FFFFF or 0x800000: DOUT stuck high, an open input, or a power-down's garbage.</summary>
    ImpossibleCode,

    /// <summary>Far outside what the platform can carry: a corrupted read, not a weight.</summary>
    OutOfRange,

    /// <summary>A lone jump from the recent readings that the next reading did not confirm.</summary>
    Glitch,

    /// <summary>A jump from the recent readings, held back until the next reading shows whether the load moved.</summary>
    HeldBack,
}

/// <summary>Counts of thrown-away conversions by reason, for the logs and the tests.</summary>
internal sealed class Hx711Rejections
{
    private readonly long[] _counts = new long[Enum.GetValues<Hx711Rejection>().Length];

    public long this[Hx711Rejection reason] => Interlocked.Read(ref _counts[(int)reason]);

    public long Total => _counts.Sum(c => Interlocked.Read(ref c));

    public void Count(Hx711Rejection reason) => Interlocked.Increment(ref _counts[(int)reason]);

    public override string ToString()
    {
        var parts = Enum.GetValues<Hx711Rejection>()
            .Where(r => this[r] > 0)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r}: {this[r]}"));
        var text = string.Join(", ", parts);
        return text.Length == 0 ? "none rejected" : $"rejected {text}";
    }
}
