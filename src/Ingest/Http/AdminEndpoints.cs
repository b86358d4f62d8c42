using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Registry;

namespace Pontive.Iot.Ingest.Http;

/// <summary>
/// The city's administration: a site's price table (<c>PUT/GET /admin/sites/{site}/price-table</c>, the body is the
/// contract's <c>price_table</c> object) and the devices Ingest knows (<c>GET /admin/devices</c>).
/// </summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin");
        admin.MapPut("/sites/{site}/price-table", SetPriceTableAsync);
        admin.MapGet("/sites/{site}/price-table", (string site, SiteConfigStore configs) =>
            configs.Find(site)?.PriceTable is { } table
                ? Results.Bytes(PayloadEncoder.Encode(new ConfigMessage { T = DateTimeOffset.UnixEpoch, PriceTable = table }), "application/json")
                : Results.NotFound(new { error = $"site '{site}' has no price table" }));
        admin.MapGet("/devices", (DeviceRegistry registry) => Results.Json(registry.All()));
        return admin;
    }

    private static async Task<IResult> SetPriceTableAsync(string site, HttpRequest request, ConfigDistributor distributor, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Identifier.Explain(site, "site") is { } badSite)
        {
            return Results.BadRequest(new { error = badSite });
        }

        // The body is a price table; it is checked by the contract's own rules, wrapped as the config devices receive.
        using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        var wrapped = $$"""{"v":1,"t":"{{WireTime.Write(time.GetUtcNow())}}","price_table":{{body.RootElement.GetRawText()}}}""";
        var decoded = PayloadDecoder.DecodeConfig(System.Text.Encoding.UTF8.GetBytes(wrapped));
        if (!decoded.IsValid)
        {
            return Results.BadRequest(new { error = decoded.Rejection.ToString() });
        }

        var devices = await distributor.SetAsync(site, decoded.Message, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { site, version = decoded.Message.PriceTable!.Version, devices });
    }
}
