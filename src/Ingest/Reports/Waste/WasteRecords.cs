namespace Pontive.Iot.Ingest.Reports.Waste;

/// <summary>One deposit as stored (<c>deposit</c>): what the waste report counts.</summary>
public sealed record DepositRecord(DateTimeOffset Time, string Site, string Category, string? DepositId, string? Member, decimal MassKg, long ValueIdr);

/// <summary>
/// One voided deposit as stored (<c>deposit_void</c>, at the voided deposit's time): the deposit it names is taken out
/// of every figure of the report.
/// </summary>
public sealed record VoidRecord(DateTimeOffset Time, string Site, string Category, string DepositId, string? VoidId, decimal MassKg, long ValueIdr);

/// <summary>What a waste report is asked: the range, the periods and optionally one bank and one category.</summary>
public sealed record WasteRequest(Calendar.TimeRange Range, Calendar.PeriodKind By, string? Site, string? Category);
