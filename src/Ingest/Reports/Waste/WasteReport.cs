namespace Pontive.Iot.Ingest.Reports.Waste;

/// <summary>
/// Waste collected, by period (WIB), bank and category, net of voided deposits. <see cref="Rows"/> has one entry per
/// period, bank and category with deposits; <see cref="Sites"/> per period and bank (members counted once across
/// categories); <see cref="Periods"/> every period of the range, empty ones included, for charts; <see cref="Total"/>
/// the whole range. Members are counted per bank: the same member number at two banks is two members.
/// </summary>
public sealed record WasteReport(
    string Report,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string By,
    string? Site,
    string? Category,
    IReadOnlyList<WasteCategoryRow> Rows,
    IReadOnlyList<WasteSiteRow> Sites,
    IReadOnlyList<WastePeriodRow> Periods,
    WasteTotal Total,
    IReadOnlyList<UnmatchedVoid> UnmatchedVoids);

public sealed record WasteCategoryRow(
    string Period,
    DateTimeOffset PeriodStart,
    string Site,
    string Category,
    decimal MassKg,
    int Deposits,
    int Members,
    long ValueIdr,
    int VoidedDeposits,
    decimal VoidedMassKg,
    long VoidedValueIdr);

public sealed record WasteSiteRow(
    string Period,
    DateTimeOffset PeriodStart,
    string Site,
    decimal MassKg,
    int Deposits,
    int Members,
    long ValueIdr,
    int VoidedDeposits,
    decimal VoidedMassKg,
    long VoidedValueIdr);

public sealed record WastePeriodRow(
    string Period,
    DateTimeOffset PeriodStart,
    decimal MassKg,
    int Deposits,
    int Members,
    long ValueIdr,
    int VoidedDeposits,
    decimal VoidedMassKg,
    long VoidedValueIdr);

public sealed record WasteTotal(decimal MassKg, int Deposits, int Members, long ValueIdr, int VoidedDeposits, decimal VoidedMassKg, long VoidedValueIdr);

/// <summary>A void whose deposit is not in the range: shown, never subtracted (there is nothing to take it from).</summary>
public sealed record UnmatchedVoid(DateTimeOffset DepositTime, string Site, string Category, string DepositId, string? VoidId, decimal MassKg, long ValueIdr);
