namespace Pontive.Iot.Contracts.Payloads;

/// <summary>The price per kg of each waste category at a bank, versioned, in force from a date.</summary>
public sealed record PriceTable
{
    /// <summary>The version every deposit carries in <c>price_table</c>, e.g. <c>2026-11-01</c>.</summary>
    public required string Version { get; init; }

    /// <summary>From when the prices apply.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    public required IReadOnlyList<PriceCategory> Categories { get; init; }
}

/// <summary>One category: its code (the deposit's <c>category</c>), its names for the kiosk and its price.</summary>
public sealed record PriceCategory
{
    public required string Code { get; init; }

    /// <summary>The name in Bahasa Indonesia, shown first, e.g. <c>Plastik PET (botol)</c>.</summary>
    public required string NameId { get; init; }

    /// <summary>The name in English.</summary>
    public required string NameEn { get; init; }

    public required long PriceIdrPerKg { get; init; }
}
