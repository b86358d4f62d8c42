using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>
/// The load cell, the chip's timing and what happens on the platform for an emulated HX711, bound from a sensor's
/// "Emulation" configuration section. The defaults are the waste-bank platform: a 100 kg single-point cell
/// (2 mV/V) excited at 3.3 V, read at gain 128 and 10 samples a second, an operator putting a bag on it now and then.
/// </summary>
internal sealed class Hx711Scenario
{
    private const int BagMassChannel = 1;

    /// <summary>The reading with nothing on the platform: the bridge's imbalance plus the top plate.</summary>
    [Range(-8_000_000, 8_000_000)]
    public double OffsetCounts { get; set; } = 84_000;

    /// <summary>
    /// Counts per kilogram at gain 128. 2 mV/V × 3.3 V = 6.6 mV at 100 kg; the chip's ±0.5 × 3.3 V / 128 = ±12.9 mV
    /// spans ±2²³ counts, so about 42,950 counts/kg: one count is 0.023 g.
    /// </summary>
    [Range(-8_000_000, 8_000_000)]
    public double CountsPerKg { get; set; } = 42_950;

    /// <summary>Each conversion strays by at most this many counts, evenly spread (40 counts ≈ 1 g here).</summary>
    [Range(0, 1_000_000)]
    public double NoiseCounts { get; set; } = 40;

    /// <summary>The same seed gives the same noise and the same bags, run after run.</summary>
    public int NoiseSeed { get; set; } = 1;

    /// <summary>The chip's output data rate, set by its RATE pin: 10 (pin low, most boards) or 80.</summary>
    [AllowedValues(10, 80)]
    public int SamplesPerSecond { get; set; } = 10;

    /// <summary>
    /// Overrides the time between conversions that <see cref="SamplesPerSecond"/> gives, for tests and quick demos
    /// (200 µs to 1 ms keeps a read short while still making the host wait for DOUT).
    /// </summary>
    public TimeSpan? ConversionTime { get; set; }

    /// <summary>From power-up (or a power-down ended) to the first conversion: four conversions on the chip.</summary>
    public TimeSpan? PowerUpSettling { get; set; }

    /// <summary>A constant load on the platform, in kg, when no deposits are scripted.</summary>
    [Range(-5, 1000)]
    public double LoadKg { get; set; }

    /// <summary>An operator puts a bag on the platform once per this period (zero: never).</summary>
    public TimeSpan DepositEvery { get; set; }

    /// <summary>How long each bag stays on the platform.</summary>
    public TimeSpan BagOnPlatformFor { get; set; } = TimeSpan.FromSeconds(20);

    [Range(0, 1000)]
    public double BagMinKg { get; set; } = 0.5;

    [Range(0, 1000)]
    public double BagMaxKg { get; set; } = 15;

    /// <summary>After a bag lands or leaves, the platform rings and settles to within 0.1 % of the step in this time.</summary>
    public TimeSpan SettlingTime { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The frequency the platform rings at while it settles.</summary>
    [Range(0.1, 50)]
    public double RingingHz { get; set; } = 4;

    /// <summary>Every this many conversions one is corrupted, in turn a spike, a doubled value and all ones (zero: never).</summary>
    [Range(0, int.MaxValue)]
    public int GlitchEveryConversions { get; set; }

    /// <summary>
    /// Every this many reads, the chip behaves as if the host had been preempted with SCK high for more than 60 µs
    /// halfway through the read: it powers down, the rest of that read is garbage and it starts again (zero: never).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int PowerDownEveryReads { get; set; }

    /// <summary>The module is not connected when the agent starts: DOUT stays high until a test plugs it in.</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>Start of a window in which the module is unplugged (DOUT floats high). Without <see cref="FailUntil"/> it never comes back.</summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the unplugged window. Without <see cref="FailFrom"/> the window starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    public TimeSpan ConversionPeriod => ConversionTime ?? TimeSpan.FromSeconds(1.0 / SamplesPerSecond);

    public TimeSpan SettlingAfterPowerUp => PowerUpSettling ?? ConversionPeriod * 4;

    public bool IsUnpluggedAt(DateTimeOffset time) =>
        (FailFrom is not null || FailUntil is not null)
        && time >= (FailFrom ?? DateTimeOffset.MinValue)
        && time < (FailUntil ?? DateTimeOffset.MaxValue);

    /// <summary>The ideal counts (before noise) of <paramref name="massKg"/> on the cell, at gain 128.</summary>
    public double CountsFor(double massKg) => OffsetCounts + (massKg * CountsPerKg);

    /// <summary>What lies on the platform at <paramref name="time"/>: the constant load, or the scripted bags.</summary>
    public double MassAt(DateTimeOffset time)
    {
        if (DepositEvery <= TimeSpan.Zero)
        {
            return LoadKg;
        }

        // Cycles are counted from the Unix epoch so every instant belongs to one cycle, whenever the agent started.
        var sinceEpoch = time - DateTimeOffset.UnixEpoch;
        var cycle = (long)Math.Floor(sinceEpoch / DepositEvery);
        var inCycle = sinceEpoch - (DepositEvery * cycle);
        var placedAt = DepositEvery / 4;
        var removedAt = placedAt + BagOnPlatformFor;
        var bag = BagMassKg(cycle);

        if (inCycle < placedAt)
        {
            return LoadKg;
        }

        return inCycle < removedAt
            ? PlatformRinging.MassAfterStep(LoadKg, LoadKg + bag, inCycle - placedAt, SettlingTime, RingingHz)
            : PlatformRinging.MassAfterStep(LoadKg + bag, LoadKg, inCycle - removedAt, SettlingTime, RingingHz);
    }

    /// <summary>The bag of cycle <paramref name="cycle"/>, to 5 g.</summary>
    public double BagMassKg(long cycle)
    {
        var unit = (new SeededNoise(NoiseSeed).At(cycle, BagMassChannel) + 1.0) / 2.0;
        return Math.Round((BagMinKg + ((BagMaxKg - BagMinKg) * unit)) / 0.005) * 0.005;
    }
}
