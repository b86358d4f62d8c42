using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Emulation;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// Deposits on an emulated platform scale, bound from the entry's "Emulation" section, over the serial faults of
/// <see cref="SerialDeviceScenario"/>. The platform repeats a cycle from <see cref="Anchor"/>: empty for
/// <see cref="EmptyFor"/>; a bag is put down and the platform rings for <see cref="SettleFor"/>, the swing dying away;
/// the bag rests for <see cref="HoldFor"/>; it is taken off. Every bag weighs <see cref="BagMassKg"/> give or take
/// up to <see cref="BagMassSpreadKg"/>, the same for the same cycle run after run.
/// </summary>
internal sealed class ScaleIndicatorScenario : SerialDeviceScenario
{
    private const int BagChannel = 31;
    private const int NoiseChannel = 32;

    /// <summary>The instant the first cycle starts (empty platform); cycles follow one another from there.</summary>
    public DateTimeOffset Anchor { get; set; } = DateTimeOffset.UnixEpoch;

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan EmptyFor { get; set; } = TimeSpan.FromSeconds(20);

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan SettleFor { get; set; } = TimeSpan.FromSeconds(3);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan HoldFor { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The typical deposit: a sack of sorted plastic, paper or cans.</summary>
    [Range(0.001, 10_000)]
    public double BagMassKg { get; set; } = 12.35;

    /// <summary>Each bag weighs <see cref="BagMassKg"/> plus or minus up to this much.</summary>
    [Range(0, 10_000)]
    public double BagMassSpreadKg { get; set; } = 8;

    /// <summary>How far the platform swings the moment the bag lands; it dies away over <see cref="SettleFor"/>.</summary>
    [Range(0, 1000)]
    public double OscillationKg { get; set; } = 1.5;

    [Range(0.1, 50)]
    public double OscillationHz { get; set; } = 2.5;

    /// <summary>Readings stray by at most this much, evenly spread; below half a division the display stays still.</summary>
    [Range(0, 100)]
    public double NoiseKg { get; set; }

    /// <summary>The indicator's division: every weight is a multiple of it, and its decimals are the frame's.</summary>
    [Range(typeof(decimal), "0.0001", "100")]
    public decimal DivisionKg { get; set; } = 0.01m;

    /// <summary>Above this plus nine divisions the indicator reports an overload (OL).</summary>
    [Range(0.001, 100_000)]
    public double CapacityKg { get; set; } = 150;

    /// <summary>The unit the indicator is set to: kg or g (anything else, to see the agent refuse it).</summary>
    public string Unit { get; set; } = "kg";

    /// <summary>Frames per second; continuous output of common indicators runs at 5 to 20.</summary>
    [Range(1, 50)]
    public double OutputRateHz { get; set; } = 10;

    public int NoiseSeed { get; set; } = 1;

    /// <summary>Whether the indicator obeys the tare command; many cheap ones take no commands at all.</summary>
    public bool AcceptsCommands { get; set; } = true;

    public TimeSpan CycleLength => EmptyFor + SettleFor + HoldFor;

    /// <summary>The mass on the platform at <paramref name="time"/>, before the indicator rounds it to its division.</summary>
    public double LoadKgAt(DateTimeOffset time)
    {
        var at = ValueTime(time);
        var noise = new SeededNoise(NoiseSeed);
        var load = BagLoadKgAt(at, noise) + (NoiseKg * noise.At(at.UtcTicks, NoiseChannel));
        return Math.Max(0, load);
    }

    /// <summary>The mass of the bag in cycle <paramref name="cycle"/> (0 is the cycle starting at <see cref="Anchor"/>).</summary>
    public double BagMassKgOf(long cycle) =>
        Math.Max((double)DivisionKg, BagMassKg + (BagMassSpreadKg * new SeededNoise(NoiseSeed).At(cycle, BagChannel)));

    private double BagLoadKgAt(DateTimeOffset at, SeededNoise noise)
    {
        var cycleTicks = CycleLength.Ticks;
        if (cycleTicks <= 0)
        {
            return 0;
        }

        var sinceAnchor = at.UtcTicks - Anchor.UtcTicks;
        var cycle = Math.DivRem(sinceAnchor, cycleTicks, out var phaseTicks);
        if (phaseTicks < 0)
        {
            cycle--;
            phaseTicks += cycleTicks;
        }

        var phase = TimeSpan.FromTicks(phaseTicks);
        if (phase < EmptyFor)
        {
            return 0;
        }

        var bag = BagMassKgOf(cycle);
        var sinceLanding = phase - EmptyFor;
        if (sinceLanding >= SettleFor)
        {
            return bag;
        }

        // The swing dies away to a quarter of a division by the end of SettleFor, so the display settles then.
        var floor = (double)DivisionKg / 4;
        var decay = OscillationKg > floor ? Math.Log(OscillationKg / floor) / SettleFor.TotalSeconds : 0;
        var seconds = sinceLanding.TotalSeconds;
        return bag + (OscillationKg * Math.Exp(-decay * seconds) * Math.Sin(2 * Math.PI * OscillationHz * seconds));
    }
}
