using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>What the kiosk page is sent (docs/kiosk-api.md); serialized in snake_case.</summary>
internal static class KioskViews
{
    public static string StateName(DepositState state) => state switch
    {
        DepositState.Waiting => "waiting",
        DepositState.Sent => "sent",
        DepositState.Stored => "stored",
        _ => "refused",
    };

    /// <summary>The last six characters of the ULID: its random part, enough to find a receipt on a busy day.</summary>
    public static string ShortCode(string id) => id[^6..];

    public static ReceiptView Receipt(DepositMessage deposit, DepositState state, PriceCategory? category, RecordedCorrection? voided = null) => new(
        deposit.Id,
        ShortCode(deposit.Id),
        deposit.T,
        deposit.Member,
        deposit.Category,
        category?.NameId ?? deposit.Category,
        category?.NameEn ?? deposit.Category,
        deposit.MassKg,
        deposit.UnitPriceIdr,
        deposit.ValueIdr,
        deposit.Operator,
        deposit.PriceTable,
        StateName(state),
        voided is not null,
        voided?.Correction.Reason);
}

internal sealed record ReceiptView(
    string Id,
    string ShortCode,
    DateTimeOffset T,
    string Member,
    string Category,
    string NameId,
    string NameEn,
    decimal MassKg,
    long UnitPriceIdr,
    long ValueIdr,
    string Operator,
    string PriceTable,
    string State,
    bool Voided,
    string? VoidReason);

internal sealed record KioskStateView(
    string Site,
    string Device,
    bool Online,
    long Waiting,
    bool OutboxNearlyFull,
    PriceTableView? PriceTable,
    NextPriceTableView? NextPriceTable,
    ScaleStateView Scale);

internal sealed record PriceTableView(string Version, DateTimeOffset EffectiveFrom, DateTimeOffset ReceivedAt, bool Stale, IReadOnlyList<PriceCategory> Categories);

/// <summary>A table received ahead of its date: the kiosk says from when its prices apply.</summary>
internal sealed record NextPriceTableView(string Version, DateTimeOffset EffectiveFrom);

/// <param name="ResolutionKg">The scale's step, so every screen shows masses to it (null while it does not answer).</param>
internal sealed record ScaleStateView(string? Id, bool Ok, string? Error, decimal? ResolutionKg);

internal sealed record ScaleStreamView(decimal? MassKg, bool Stable, decimal? ResolutionKg, bool Ok, string? Error);

internal sealed record TodayView(DateOnly Date, IReadOnlyList<TodayDepositView> Deposits, IReadOnlyList<CategoryTotalView> Totals, TotalView Total);

internal sealed record TodayDepositView(
    string Id,
    string ShortCode,
    DateTimeOffset T,
    string Member,
    string Category,
    string NameId,
    string NameEn,
    decimal MassKg,
    long ValueIdr,
    string State,
    bool Voided,
    string? VoidReason,
    string? VoidState);

internal sealed record CategoryTotalView(string Category, string NameId, string NameEn, int Deposits, decimal MassKg, long ValueIdr);

internal sealed record TotalView(int Deposits, decimal MassKg, long ValueIdr);
