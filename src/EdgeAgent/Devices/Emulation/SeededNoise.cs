namespace Pontive.Iot.EdgeAgent.Devices.Emulation;

/// <summary>
/// Reproducible noise: the same seed, key and channel always give the same value, whatever was asked
/// before. Keying by time (rather than drawing from a shared <see cref="Random"/>) keeps an emulated
/// reading at a given moment the same however often, and in whatever order, it is read.
/// </summary>
internal readonly struct SeededNoise(int seed)
{
    /// <summary>A value spread evenly over [-1, 1).</summary>
    public double At(long key, int channel)
    {
        var hash = Mix(unchecked((ulong)seed + 0x9E3779B97F4A7C15UL));
        hash = Mix(hash ^ unchecked((ulong)key));
        hash = Mix(hash ^ unchecked((ulong)channel));

        // The top 53 bits make a double in [0, 1) with every value equally likely.
        var unit = (hash >> 11) * (1.0 / (1UL << 53));
        return (unit * 2.0) - 1.0;
    }

    // The SplitMix64 finalizer: every input bit flips about half of the output bits.
    private static ulong Mix(ulong value)
    {
        unchecked
        {
            value += 0x9E3779B97F4A7C15UL;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
            return value ^ (value >> 31);
        }
    }
}
