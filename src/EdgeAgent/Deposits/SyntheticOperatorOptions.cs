using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Deposits;

/// <summary>
/// An emulated operator who records deposits on their own (section <c>Emulation:Operator</c>), for the demo and for
/// fault tests that need deposits flowing while processes are killed. Only on emulated hardware.
/// </summary>
public sealed class SyntheticOperatorOptions
{
    public const string Section = "Emulation:Operator";

    public bool Enabled { get; set; }

    /// <summary>Time between deposits.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop after this many deposits (0: never); fault tests use it to know how many to expect.</summary>
    [Range(0, int.MaxValue)]
    public int MaxDeposits { get; set; }

    /// <summary>The same seed gives the same members, categories and masses.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Members are numbered A-0001 to A-{MemberCount}.</summary>
    [Range(1, 9999)]
    public int MemberCount { get; set; } = 40;

    public string PriceTable { get; set; } = "2026-11-01";

    /// <summary>Category code → price per kg in rupiah.</summary>
    public Dictionary<string, long> Prices { get; set; } = new(StringComparer.Ordinal)
    {
        ["plastic-pet"] = 3000,
        ["plastic-hdpe"] = 2500,
        ["cardboard"] = 1500,
        ["paper-white"] = 2000,
        ["metal-aluminium"] = 12000,
        ["glass"] = 500,
    };
}
