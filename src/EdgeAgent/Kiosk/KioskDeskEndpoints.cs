using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// The operator's desk (docs/kiosk-api.md): state, live weight, tare, recording and voiding deposits, the day at a
/// glance. Only for a signed-in operator; tare, recording and voiding are operator activity (<see cref="IdleSession"/>),
/// the page's polls are not.
/// </summary>
internal static partial class KioskDeskEndpoints
{
    /// <summary>A weight older than this is not the one on the platform now: it is not recorded.</summary>
    private static readonly TimeSpan FreshWeight = TimeSpan.FromSeconds(2);

    public static void MapKioskDesk(this IEndpointRouteBuilder endpoints)
    {
        var desk = endpoints.MapGroup("/api/kiosk").RequireAuthorization();
        desk.MapGet("/state", State);
        desk.MapGet("/scale/stream", (ScaleMonitor scale, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
            TypedResults.ServerSentEvents(Stream(scale, json.Value.SerializerOptions, ct)));
        desk.MapPost("/scale/tare", TareAsync).CountsAsOperatorActivity();
        desk.MapPost("/deposits", Record).CountsAsOperatorActivity();
        desk.MapGet("/deposits/{id}", (string id, DepositOutbox deposits, ReceiptReader receipts) =>
            deposits.Find(id) is { } found
                ? Results.Json(receipts.Of(found))
                : KioskProblem.Of(StatusCodes.Status404NotFound, "Setoran tidak ditemukan.", "No such deposit."));
        desk.MapPost("/deposits/{id}/void", Void).CountsAsOperatorActivity();
        desk.MapGet("/today", (DayLedger ledger) => Results.Json(ledger.Today()));
    }

    private static IResult State(
        IOptions<AgentOptions> agent, BrokerConnection broker, DepositOutbox deposits, OutboxGauge gauge, PriceTableCache prices, ScaleMonitor scale)
    {
        var table = prices.Current;
        var next = prices.Next;
        var latest = scale.Latest;
        return Results.Json(new KioskStateView(
            agent.Value.Site,
            agent.Value.Device,
            broker.IsConnected,
            deposits.Figures().Depth,
            gauge.IsNearlyFull,
            table is null ? null : new PriceTableView(table.Table.Version, table.Table.EffectiveFrom, table.ReceivedAt, prices.IsStale, table.Table.Categories),
            next is null ? null : new NextPriceTableView(next.Table.Version, next.Table.EffectiveFrom),
            new ScaleStateView(scale.ScaleId, latest.IsOk, latest.Error, latest.Sample?.ResolutionKg)));
    }

    private static async IAsyncEnumerable<string> Stream(ScaleMonitor scale, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The newest reading only: a page that falls behind skips readings rather than showing old weights.
        var readings = Channel.CreateBounded<ScaleReading>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnUpdated(ScaleReading reading) => readings.Writer.TryWrite(reading);
        scale.Updated += OnUpdated;
        try
        {
            readings.Writer.TryWrite(scale.Latest);
            await foreach (var reading in readings.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var sample = reading.Sample;
                yield return JsonSerializer.Serialize(
                    new ScaleStreamView(sample?.MassKg, sample?.IsStable ?? false, sample?.ResolutionKg, reading.IsOk, reading.Error), json);
            }
        }
        finally
        {
            scale.Updated -= OnUpdated;
        }
    }

    private static async Task<IResult> TareAsync(ScaleMonitor scale, CancellationToken cancellationToken)
    {
        if (scale.Latest.Sample is not { IsStable: true })
        {
            return KioskProblem.Of(StatusCodes.Status409Conflict, "Tunggu sampai timbangan stabil.", "Wait until the scale is stable.");
        }

        try
        {
            await scale.TareAsync(cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
        {
            return KioskProblem.Of(StatusCodes.Status409Conflict, $"Timbangan tidak bisa di-nol-kan: {ex.Message}", $"The scale could not be zeroed: {ex.Message}");
        }
    }

    private static IResult Record(
        RecordRequest request, ClaimsPrincipal user, ScaleMonitor scale, PriceTableCache prices, DepositRecorder recorder, DepositOutbox deposits, ReceiptReader receipts, TimeProvider time)
    {
        if (request.RequestId is { } requestId)
        {
            if (!RequestIdPattern().IsMatch(requestId))
            {
                return KioskProblem.Of(StatusCodes.Status400BadRequest, "Permintaan tidak sah (request_id).", "Not a valid request_id.");
            }

            // A Catat sent again after its answer was lost: the bag may be off the platform by now, so this is
            // answered before the scale is looked at.
            if (deposits.FindByRequest(requestId) is { } earlier)
            {
                return earlier.Deposit.Member == request.Member?.Trim() && earlier.Deposit.Category == request.Category
                    ? Results.Json(receipts.Of(earlier))
                    : KioskProblem.Of(StatusCodes.Status409Conflict,
                        "Permintaan ini sudah dipakai untuk setoran lain.", "This request_id was used for another deposit.");
            }
        }

        var table = prices.Current;
        if (table is null)
        {
            return KioskProblem.Of(StatusCodes.Status409Conflict, "Belum ada daftar harga dari kota.", "No price table from the city yet.");
        }

        if (table.Category(request.Category ?? string.Empty) is not { } category)
        {
            return KioskProblem.Of(StatusCodes.Status400BadRequest, "Pilih kategori dari daftar harga.", "Pick a category from the price table.");
        }

        var reading = scale.Latest;
        if (reading.Sample is not { IsStable: true, MassKg: > 0 } sample || time.GetUtcNow() - reading.At > FreshWeight)
        {
            return KioskProblem.Of(StatusCodes.Status409Conflict, "Berat belum stabil atau nol.", "The weight is not stable or is zero.");
        }

        try
        {
            var deposit = recorder.Record(new DepositRequest(
                request.Member?.Trim() ?? string.Empty, category.Code, category.PriceIdrPerKg, table.Table.Version, user.Identity!.Name!, scale.ScaleId!, sample,
                request.RequestId));
            return Results.Json(KioskViews.Receipt(deposit, DepositState.Waiting, category), statusCode: StatusCodes.Status201Created);
        }
        catch (InvalidDepositException ex)
        {
            return KioskProblem.Of(StatusCodes.Status400BadRequest, $"Setoran tidak sah: {ex.Message}", $"Not a valid deposit: {ex.Message}");
        }
        catch (DiskFullException)
        {
            return KioskProblem.Of(StatusCodes.Status507InsufficientStorage,
                "Penyimpanan alat penuh: setoran TIDAK dicatat. Hubungi teknisi.", "The device's storage is full: the deposit was NOT recorded. Call the technician.");
        }
    }

    private static IResult Void(string id, VoidRequest request, ClaimsPrincipal user, DepositVoider voider)
    {
        try
        {
            var correction = voider.Void(id, request.Reason ?? string.Empty, user.Identity!.Name!);
            return Results.Json(new { void_id = correction.Id }, statusCode: StatusCodes.Status201Created);
        }
        catch (KeyNotFoundException)
        {
            return KioskProblem.Of(StatusCodes.Status404NotFound, "Setoran tidak ditemukan.", "No such deposit.");
        }
        catch (AlreadyVoidedException)
        {
            return KioskProblem.Of(StatusCodes.Status409Conflict, "Setoran ini sudah dibatalkan.", "This deposit was voided already.");
        }
        catch (InvalidDepositException)
        {
            return KioskProblem.Of(StatusCodes.Status400BadRequest, "Tulis alasan pembatalan (paling banyak 200 huruf).", "Give a reason for voiding (at most 200 characters).");
        }
        catch (DiskFullException)
        {
            return KioskProblem.Of(StatusCodes.Status507InsufficientStorage, "Penyimpanan alat penuh. Hubungi teknisi.", "The device's storage is full. Call the technician.");
        }
    }

    /// <param name="Member">The member's number.</param>
    /// <param name="Category">The category code.</param>
    /// <param name="RequestId">The page's id for this Catat (optional): sent again with it, it records nothing new.</param>
    internal sealed record RecordRequest(string? Member, string? Category, string? RequestId = null);

    internal sealed record VoidRequest(string? Reason);

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex RequestIdPattern();
}
