using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Kiosk;

/// <summary>
/// The kiosk's API end to end: the city sends the price table through Ingest, an operator signs in with a PIN,
/// weighs on the (emulated) HX711 scale, records and voids a deposit, and InfluxDB holds the deposit and its void.
/// </summary>
/// <remarks>The idle-session tests are in KioskApiTests.IdleSession.cs.</remarks>
[Collection(RealServers.Collection)]
public sealed partial class KioskApiTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Site = "bank-kiosk-api";

    private readonly string _database = InfluxQl.NewDatabaseName("kiosk_api");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task An_operator_records_a_stable_weight_voids_it_and_the_city_stores_both()
    {
        await using var kioskRig = await StartPricedKioskAsync();
        var (ingest, agent) = kioskRig;
        using var kiosk = agent.KioskClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "siti", pin = "9999" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "siti", pin = "1234" })).StatusCode);

        // Nothing on the platform: Catat is refused.
        var empty = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", new { member = "A-0042", category = "plastic-pet" });
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);

        agent.PlaceLoad(2.345);
        var stable = await agent.StableAtAsync(2.345);
        using var recorded = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", new { member = "A-0042", category = "plastic-pet" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var receipt = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        var depositId = receipt.GetProperty("id").GetString()!;
        var massKg = receipt.GetProperty("mass_kg").GetDecimal();
        Assert.InRange(massKg, 2.344m, 2.346m);
        Assert.Equal(DepositValue.Compute(massKg, 3000), receipt.GetProperty("value_idr").GetInt64());
        Assert.Equal("siti", receipt.GetProperty("operator").GetString());
        Assert.Equal("2026-11-01", receipt.GetProperty("price_table").GetString());
        Assert.Equal(depositId[^6..], receipt.GetProperty("short_code").GetString());
        Assert.Equal("Plastik PET (botol bening)", receipt.GetProperty("name_id").GetString());
        Assert.True(stable.IsStable);

        var today = await kiosk.GetFromJsonAsync<JsonElement>("/api/kiosk/today");
        Assert.Equal(1, today.GetProperty("total").GetProperty("deposits").GetInt32());

        using var voided = await kiosk.PostAsJsonAsync($"/api/kiosk/deposits/{depositId}/void", new { reason = "salah kategori" });
        Assert.Equal(HttpStatusCode.Created, voided.StatusCode);
        var voidId = (await voided.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("void_id").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await kiosk.PostAsJsonAsync($"/api/kiosk/deposits/{depositId}/void", new { reason = "lagi" })).StatusCode);

        today = await kiosk.GetFromJsonAsync<JsonElement>("/api/kiosk/today");
        var row = Assert.Single(today.GetProperty("deposits").EnumerateArray());
        Assert.True(row.GetProperty("voided").GetBoolean());
        Assert.Equal(0, today.GetProperty("total").GetProperty("deposits").GetInt32());
        Assert.Equal(0, today.GetProperty("total").GetProperty("value_idr").GetInt64());
        Assert.Empty(today.GetProperty("totals").EnumerateArray());

        // The city stores the deposit and its void, and acknowledges both.
        await agent.Service<DepositOutbox>().UntilAsync(
            () => agent.Service<DepositOutbox>().Find(depositId)?.State == DepositState.Stored
                  && agent.Service<CorrectionOutbox>().OfDepositsBetween(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue)[depositId].State == DepositState.Stored,
            () => $"deposit {agent.Service<DepositOutbox>().Find(depositId)?.State}");
        var deposit = Assert.Single(await _influx.RowsAsync(_database, "deposit"));
        var voidPoint = Assert.Single(await _influx.RowsAsync(_database, "deposit_void"));
        Assert.Equal(deposit["time"].GetInt64(), voidPoint["time"].GetInt64());
        Assert.Equal(depositId, voidPoint["deposit_id"].GetString());
        Assert.Equal(voidId, voidPoint["void_id"].GetString());
        Assert.Equal("salah kategori", voidPoint["reason"].GetString());
    }

    [Fact]
    public async Task A_catat_sent_again_after_its_answer_was_lost_records_the_bag_once()
    {
        await using var kioskRig = await StartPricedKioskAsync();
        var (ingest, agent) = kioskRig;
        using var kiosk = agent.KioskClient();
        Assert.Equal(HttpStatusCode.OK, (await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "siti", pin = "1234" })).StatusCode);

        agent.PlaceLoad(1.5);
        await agent.StableAtAsync(1.5);
        var catat = new { member = "A-0042", category = "plastic-pet", request_id = "5f0c2a9e41d84b7c" };
        using var first = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", catat);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var depositId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // The page never saw that answer; meanwhile the operator took the bag off and pressed Catat again.
        agent.PlaceLoad(0);
        await agent.StableAtAsync(0);
        using var again = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", catat);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(depositId, receipt.GetProperty("id").GetString());
        Assert.InRange(receipt.GetProperty("mass_kg").GetDecimal(), 1.495m, 1.505m);

        var otherMember = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", catat with { member = "A-0043" });
        Assert.Equal(HttpStatusCode.Conflict, otherMember.StatusCode);
        var badId = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", catat with { request_id = "no spaces" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);

        var today = await kiosk.GetFromJsonAsync<JsonElement>("/api/kiosk/today");
        Assert.Equal(depositId, Assert.Single(today.GetProperty("deposits").EnumerateArray()).GetProperty("id").GetString());
        await agent.Service<DepositOutbox>().UntilAsync(
            () => agent.Service<DepositOutbox>().Find(depositId!)?.State == DepositState.Stored,
            () => $"deposit {agent.Service<DepositOutbox>().Find(depositId!)?.State}");
        Assert.Single(await _influx.RowsAsync(_database, "deposit"));
    }

    [Fact]
    public async Task Five_wrong_PINs_in_a_row_lock_the_operator_out_for_a_while()
    {
        await using var ingest = await StartIngestAsync();
        await using var agent = await AgentUnderTest.StartAsync(output, WasteBankKiosk.Settings(Site, ingest.BrokerPort), time: TimeProvider.System);
        agent.Service<OperatorStore>().Set("budi", "2468");
        using var kiosk = agent.KioskClient();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "budi", pin = "0000" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "budi", pin = "0000" })).StatusCode);
        var locked = await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "budi", pin = "2468" });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Terlalu banyak PIN salah", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_table_sent_ahead_of_its_date_waits_and_the_state_says_from_when_it_applies()
    {
        await using var kioskRig = await StartPricedKioskAsync();
        var (ingest, agent) = kioskRig;
        var waiting = new TaskCompletionSource<CachedPriceTable>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Service<PriceTableCache>().Waiting += table => waiting.TrySetResult(table);

        // Next month's prices, sent today: they must not price today's deposits.
        var effectiveFrom = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds());
        await PutPriceTableAsync(ingest, $$"""
            {"version":"next-month","effective_from":"{{effectiveFrom.UtcDateTime:yyyy-MM-dd'T'HH':'mm':'ss.fff'Z'}}",
             "categories":[{"code":"plastic-pet","name_id":"Plastik PET","name_en":"PET plastic","price_idr_per_kg":9000}]}
            """);
        await waiting.Task.WaitAsync(IngestWaits.Patience);
        using var kiosk = agent.KioskClient();
        Assert.Equal(HttpStatusCode.OK, (await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "siti", pin = "1234" })).StatusCode);

        var state = await kiosk.GetFromJsonAsync<JsonElement>("/api/kiosk/state");
        Assert.Equal("2026-11-01", state.GetProperty("price_table").GetProperty("version").GetString());
        var next = state.GetProperty("next_price_table");
        Assert.Equal("next-month", next.GetProperty("version").GetString());
        Assert.Equal(effectiveFrom, next.GetProperty("effective_from").GetDateTimeOffset());

        agent.PlaceLoad(1.5);
        await agent.StableAtAsync(1.5);
        using var recorded = await kiosk.PostAsJsonAsync("/api/kiosk/deposits", new { member = "A-0042", category = "plastic-pet" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var receipt = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3000, receipt.GetProperty("unit_price_idr").GetInt64());
        Assert.Equal("2026-11-01", receipt.GetProperty("price_table").GetString());
    }

    [Fact]
    public async Task A_removed_operators_open_session_ends_at_its_next_request()
    {
        await using var ingest = await StartIngestAsync();
        await using var agent = await AgentUnderTest.StartAsync(output, WasteBankKiosk.Settings(Site, ingest.BrokerPort), time: TimeProvider.System);
        var operators = agent.Service<OperatorStore>();
        operators.Set("siti", "1234");
        operators.Set("budi", "2468");
        using var siti = agent.KioskClient();
        using var budi = agent.KioskClient();
        Assert.Equal(HttpStatusCode.OK, (await siti.PostAsJsonAsync("/api/kiosk/session", new { @operator = "siti", pin = "1234" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await budi.PostAsJsonAsync("/api/kiosk/session", new { @operator = "budi", pin = "2468" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await siti.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative))).StatusCode);

        Assert.True(operators.Remove("siti"));

        using var ended = await siti.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        var problem = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Sesi berakhir. Silakan masuk lagi.", problem.GetProperty("error_id").GetString());
        Assert.Equal("operator_removed", problem.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await siti.GetAsync(new Uri("/api/kiosk/session", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await budi.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative))).StatusCode);

        // Added again, siti signs in anew: the old cookie is not revived.
        operators.Set("siti", "1234");
        Assert.Equal(HttpStatusCode.Unauthorized, (await siti.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative))).StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    private Task<IngestUnderTest> StartIngestAsync() => IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
    {
        ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
        ["InfluxDb:Database"] = _database,
    });

    /// <summary>Ingest, and a waste-bank agent with operator siti (PIN 1234) that holds the city's price table.</summary>
    /// <param name="time">The agent's clock: real time unless given (the page follows the scale live).</param>
    /// <param name="beforeStart">Runs after the agent is built and before it starts.</param>
    private async Task<PricedKiosk> StartPricedKioskAsync(TimeProvider? time = null, Action<AgentUnderTest>? beforeStart = null)
    {
        var ingest = await StartIngestAsync();
        AgentUnderTest? agent = null;
        try
        {
            var seen = ingest.StoredFrom(Site, DeviceChannel.Status);
            agent = await AgentUnderTest.StartAsync(output, WasteBankKiosk.Settings(Site, ingest.BrokerPort), time: time ?? TimeProvider.System, beforeStart: beforeStart);
            agent.Service<OperatorStore>().Set("siti", "1234");
            await seen;
            await SetPriceTableAsync(ingest);
            await agent.PriceTableArrivedAsync();
            return new PricedKiosk(ingest, agent);
        }
        catch
        {
            if (agent is not null)
            {
                await agent.DisposeAsync();
            }

            await ingest.DisposeAsync();
            throw;
        }
    }

    private static async Task SetPriceTableAsync(IngestUnderTest ingest) =>
        await PutPriceTableAsync(ingest, await File.ReadAllTextAsync(RepositoryFile("deploy", "price-table.example.json")));

    private static async Task PutPriceTableAsync(IngestUnderTest ingest, string table)
    {
        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };
        using var content = new StringContent(table, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri($"/admin/sites/{Site}/price-table", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    // Found from this source file, not the build output, which may live anywhere (--artifacts-path).
    private static string RepositoryFile(string folder, string file, [System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", folder, file));
}

/// <summary>The agent and Ingest of one kiosk test, stopped in that order.</summary>
internal sealed record PricedKiosk(IngestUnderTest Ingest, AgentUnderTest Agent) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        await Ingest.DisposeAsync();
    }
}
