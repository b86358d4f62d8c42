namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// A continuous-output frame format of scale indicators, chosen per scale with <c>"Format"</c>: how to read its
/// frames, what they carry, whether the indicator takes a tare command, and how to write them (for the emulator).
/// </summary>
internal abstract class ScaleIndicatorFormat
{
    /// <summary>Every format the agent reads, by its configuration name.</summary>
    public static IReadOnlyList<ScaleIndicatorFormat> All { get; } = [new StGsFormat(), new Xk3190A9Format()];

    public static string KnownNames => string.Join(", ", All.Select(f => f.Name));

    /// <summary>The name in configuration, lower case.</summary>
    public abstract string Name { get; }

    /// <summary>Whether frames name their unit; if not, the entry's <c>Unit</c> says it.</summary>
    public abstract bool CarriesUnit { get; }

    /// <summary>Whether frames flag stable and unstable weights; if not, only the stable-weight detector decides.</summary>
    public abstract bool CarriesStability { get; }

    /// <summary>The bytes that make the indicator tare itself, or null when the format takes no commands.</summary>
    public virtual byte[]? TareCommand => null;

    public static bool TryGet(string? name, out ScaleIndicatorFormat format)
    {
        format = All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return format is not null;
    }

    public abstract IIndicatorFrameParser CreateParser();

    /// <summary>The bytes an indicator sends for <paramref name="frame"/>, and which of them a line fault may spoil.</summary>
    public abstract (byte[] Bytes, Range Body) Encode(IndicatorFrame frame);

    public override string ToString() => Name;
}
