using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// When a weight counts as settled, bound from a scale entry's <c>"Stability"</c> section: the last
/// <see cref="Readings"/> readings, all taken within <see cref="Window"/>, lie within ±<see cref="ToleranceGrams"/>
/// of a common value (their spread is at most twice the tolerance).
/// </summary>
internal sealed class StabilityOptions
{
    [Range(2, 100)]
    public int Readings { get; set; } = 5;

    [Range(0.001, 10_000)]
    public double ToleranceGrams { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>What is wrong with these settings, naming each (prefix "Stability:").</summary>
    public IEnumerable<string> Validate()
    {
        if (Readings is < 2 or > 100)
        {
            yield return $"Stability:Readings {Readings} must be between 2 and 100";
        }

        if (!double.IsFinite(ToleranceGrams) || ToleranceGrams is < 0.001 or > 10_000)
        {
            yield return $"Stability:ToleranceGrams {ToleranceGrams} must be between 0.001 and 10000 grams";
        }

        if (Window < TimeSpan.FromMilliseconds(100) || Window > TimeSpan.FromMinutes(1))
        {
            yield return $"Stability:Window {Window} must be between 00:00:00.1 and 00:01:00";
        }
    }
}
