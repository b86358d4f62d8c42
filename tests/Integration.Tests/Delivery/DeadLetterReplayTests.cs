using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Delivery;

/// <summary>
/// The city gives Ingest an InfluxDB account without the right to write: a real InfluxDB refuses every write with
/// 403, a good deposit becomes a dead letter and its device is told it was refused. Once the permission is granted,
/// the admin replays the dead letters: InfluxDB holds the deposit once, the device hears it is stored, and replaying
/// again writes nothing new.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class DeadLetterReplayTests(ITestOutputHelper output)
{
    private const string Site = "bank-replay";
    private const string Database = "pontive_replay";
    private const string IngestUser = "ingest";
    private const string IngestPassword = "ingest-password-1234";

    [Fact]
    public async Task A_deposit_refused_for_a_missing_write_permission_is_stored_once_and_acknowledged_when_replayed_after_the_fix()
    {
        await using var influx = await AuthenticatingInfluxDb.LaunchAsync();
        using var admin = await influx.SetUpAsync(Database, IngestUser, IngestPassword);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = influx.Url.ToString(),
            ["InfluxDb:Database"] = Database,
            ["InfluxDb:Username"] = IngestUser,
            ["InfluxDb:Password"] = IngestPassword,
            ["Reports:Rollups"] = "Off",
        });
        var settings = AgentUnderTest.ParkWithSteadyWeather(Site, ingest.BrokerPort);
        settings["Agent:Device"] = "scale-01";
        await using var agent = await AgentUnderTest.StartAsync(output, settings);
        var ledger = agent.Service<DepositOutbox>();
        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };

        // InfluxDB refuses the write for good: the deposit is kept as a dead letter and the kiosk shows it refused.
        var deposit = agent.Service<DepositRecorder>().Record(Deposits.Of("A-0042", "plastic-pet", 2.345m, 3000));
        await ledger.AllInStateAsync([deposit.Id], DepositState.Refused);
        var letter = await DeadLetterOfAsync(http, deposit.Id);
        Assert.Equal("storage_refused", letter.GetProperty("code").GetString());
        Assert.StartsWith("InfluxDB answered 403", letter.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var id = letter.GetProperty("id").GetInt64();

        // Replayed before the cause is fixed, it is refused again and stays a dead letter.
        var early = await ReplayAsync(http, new { ids = new[] { id } });
        Assert.Equal(("refused", "storage_refused"), OutcomeOf(early, id));
        Assert.Equal(0, (await HealthAsync(http)).GetProperty("dead_letters_stored_by_replay").GetInt64());
        Assert.Equal(DepositState.Refused, ledger.Find(deposit.Id)!.State);
        Assert.Equal("refused", (await DeadLetterOfAsync(http, deposit.Id)).GetProperty("replay_outcome").GetString());

        // The city grants the permission and replays what InfluxDB refused (storage_refused, by default).
        await admin.ExecuteAsync($"GRANT WRITE ON \"{Database}\" TO \"{IngestUser}\"");
        var stored = ledger.AllInStateAsync([deposit.Id], DepositState.Stored);
        var replay = await ReplayAsync(http, new { });
        Assert.Equal(("stored", "storage_refused"), OutcomeOf(replay, id));
        await stored;

        var row = Assert.Single(await admin.RowsAsync(Database, "SELECT * FROM deposit"));
        Assert.Equal(deposit.Id, row["deposit_id"].GetString());
        Assert.Equal(deposit.T.ToUnixTimeMilliseconds(), row["time"].GetInt64());
        Assert.Equal(2.345, row["mass_kg"].GetDouble());
        Assert.Equal(7035, row["value_idr"].GetInt64());
        Assert.Equal(3000, row["unit_price_idr"].GetInt64());
        Assert.Equal("A-0042", row["member"].GetString());
        Assert.Equal("plastic-pet", row["category"].GetString());
        Assert.Equal(Site, row["site"].GetString());
        var marked = await DeadLetterOfAsync(http, deposit.Id);
        Assert.Equal(("stored", 2), (marked.GetProperty("replay_outcome").GetString(), marked.GetProperty("replays").GetInt32()));
        // The park's readings were refused alongside the deposit and stored by the same replay: /health counts them all.
        var health = await HealthAsync(http);
        var storedByReplay = replay.GetProperty("letters").EnumerateArray().Count(l => l.GetProperty("outcome").GetString() == "stored");
        Assert.Equal(storedByReplay, health.GetProperty("dead_letters_stored_by_replay").GetInt64());
        Assert.InRange(health.GetProperty("dead_letters_kept").GetInt64(), storedByReplay, long.MaxValue);

        // A second replay finds nothing left to send, and even the letter named by its id is not written again.
        Assert.Equal(0, (await ReplayAsync(http, new { })).GetProperty("letters").GetArrayLength());
        Assert.Equal("skipped", OutcomeOf(await ReplayAsync(http, new { ids = new[] { id } }), id).Outcome);
        Assert.Single(await admin.RowsAsync(Database, "SELECT * FROM deposit"));
    }

    [Fact]
    public async Task A_message_refused_for_bad_JSON_is_not_replayed_and_the_answer_says_why()
    {
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?> { ["Reports:Rollups"] = "Off" });
        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };

        using var response = await http.PostAsJsonAsync("dead-letters/replay", new { code = "invalid_json" });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("invalid_json is the message's own fault", error, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReplayAsync(HttpClient http, object request)
    {
        using var response = await http.PostAsJsonAsync("dead-letters/replay", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"replay answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static (string? Outcome, string? Code) OutcomeOf(JsonElement report, long id)
    {
        var letter = Assert.Single(report.GetProperty("letters").EnumerateArray(), l => l.GetProperty("id").GetInt64() == id);
        return (letter.GetProperty("outcome").GetString(), letter.GetProperty("code").GetString());
    }

    /// <summary><c>GET /health</c>'s report, whether it says healthy (200) or not (503: InfluxDB refused writes).</summary>
    private static async Task<JsonElement> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync("health");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The dead letter (as <c>GET /dead-letters</c> shows it) that carries this deposit.</summary>
    private static async Task<JsonElement> DeadLetterOfAsync(HttpClient http, string depositId)
    {
        var letters = await http.GetFromJsonAsync<JsonElement>("dead-letters?code=storage_refused&limit=1000");
        return Assert.Single(letters.EnumerateArray(), l => l.GetProperty("payload").GetString()!.Contains(depositId, StringComparison.Ordinal));
    }

    /// <summary>
    /// A private InfluxDB 1.x from the same template as every other, with authentication on: the one place a test
    /// can get a real 401/403 for a write.
    /// </summary>
    private sealed class AuthenticatingInfluxDb : PrivateServer
    {
        private const string AdminUser = "admin";
        private const string AdminPassword = "admin-password-1234";

        private AuthenticatingInfluxDb(string folder, int httpPort, int rpcPort)
            : base(folder, InfluxDbServer.CreateProcess(folder, httpPort, rpcPort, authentication: true))
        {
            Url = new Uri($"http://127.0.0.1:{httpPort}");
        }

        public Uri Url { get; }

        public static Task<AuthenticatingInfluxDb> LaunchAsync() =>
            LaunchOnFreePortsAsync(
                "influxdb-auth",
                folder =>
                {
                    var (httpPort, rpcPort) = TwoFreePorts();
                    return new AuthenticatingInfluxDb(folder, httpPort, rpcPort);
                },
                CancellationToken.None);

        /// <summary>An admin (the first user may be made without signing in), the database, and Ingest's user with no rights yet.</summary>
        public async Task<InfluxAdmin> SetUpAsync(string database, string user, string password)
        {
            using (var anonymous = new InfluxAdmin(Url, credentials: null))
            {
                await anonymous.ExecuteAsync($"CREATE USER \"{AdminUser}\" WITH PASSWORD '{AdminPassword}' WITH ALL PRIVILEGES");
            }

            var admin = new InfluxAdmin(Url, (AdminUser, AdminPassword));
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\"");
            await admin.ExecuteAsync($"CREATE USER \"{user}\" WITH PASSWORD '{password}'");
            return admin;
        }
    }

    /// <summary>InfluxQL over /query, signed in with Basic authentication.</summary>
    private sealed class InfluxAdmin : IDisposable
    {
        private readonly HttpClient _http;

        public InfluxAdmin(Uri url, (string User, string Password)? credentials)
        {
            _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            if (credentials is { } signIn)
            {
                _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{signIn.User}:{signIn.Password}")));
            }
        }

        public async Task ExecuteAsync(string statement) => await QueryAsync(statement, database: null);

        /// <summary>The rows of the first series, columns to values; times in Unix milliseconds.</summary>
        public async Task<IReadOnlyList<IReadOnlyDictionary<string, JsonElement>>> RowsAsync(string database, string query)
        {
            var result = await QueryAsync(query, database);
            if (!result.TryGetProperty("series", out var series))
            {
                return [];
            }

            var first = series[0];
            var columns = first.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
            return [.. first.GetProperty("values").EnumerateArray().Select(values =>
                (IReadOnlyDictionary<string, JsonElement>)columns.Zip(values.EnumerateArray()).ToDictionary(p => p.First, p => p.Second.Clone(), StringComparer.Ordinal))];
        }

        public void Dispose() => _http.Dispose();

        private async Task<JsonElement> QueryAsync(string query, string? database)
        {
            var form = new Dictionary<string, string> { ["q"] = query, ["epoch"] = "ms" };
            if (database is not null)
            {
                form["db"] = database;
            }

            using var content = new FormUrlEncodedContent(form);
            using var response = await _http.PostAsync(new Uri("query", UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"InfluxDB answered {(int)response.StatusCode} to `{query}`: {body}");
            var result = JsonDocument.Parse(body).RootElement.GetProperty("results")[0].Clone();
            Assert.False(result.TryGetProperty("error", out var error), $"InfluxDB refused `{query}`: {error}");
            return result;
        }
    }
}
