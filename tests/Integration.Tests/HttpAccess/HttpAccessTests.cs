using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.HttpAccess;

/// <summary>
/// Ingest's HTTP side with tokens: analysts read reports, admins also manage devices and read dead letters, /health is
/// open, a browser signs in once with its token; and without tokens Ingest refuses to listen beyond loopback.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class HttpAccessTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminToken = "admin-token-0123456789abcdef";
    private const string AnalystToken = "analyst-token-0123456789abcdef";

    private readonly string _database = InfluxQl.NewDatabaseName("http_access");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task Each_role_reaches_what_it_may_and_nothing_else()
    {
        await using var ingest = await StartIngestAsync();
        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };
        const string report = "/reports/waste?from=2026-11-01&to=2026-12-01&by=month";

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/health", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, report, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(http, report, "not-a-token-at-all-but-long"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, report, AnalystToken));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, "/admin/devices", AnalystToken));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(http, "/dead-letters", AnalystToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/admin/devices", AdminToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, "/dead-letters", AdminToken));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, report, AdminToken));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_browser_signs_in_once_with_its_token_and_then_carries_a_session_cookie()
    {
        await using var ingest = await StartIngestAsync();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }, disposeHandler: true)
        {
            BaseAddress = ingest.HttpAddress,
        };
        const string report = "/reports/waste?from=2026-11-01&to=2026-12-01&by=month";

        using var wrong = await browser.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("token", "wrong-token-wrong-token")]));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var signIn = await browser.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent([new("token", AnalystToken), new("ReturnUrl", "/reports")]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(browser, report, null));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(browser, "/admin/devices", null));

        // Whoever reads the keys that signed this cookie can forge one: their folder is for Ingest's user alone.
        var keys = Path.Combine(ingest.Service<IOptions<Ingest.Configuration.IngestOptions>>().Value.DataDirectory, "http-keys");
        Assert.NotEmpty(Directory.GetFiles(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
    }

    [Theory]
    [InlineData("Urls")]
    [InlineData("Kestrel:Endpoints:Office:Url")]
    public async Task Without_tokens_Ingest_refuses_to_serve_beyond_loopback(string listenSetting)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Ingest:DataDirectory"] = Directory.CreateTempSubdirectory("pontive-http-access-").FullName,
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
        };
        settings[listenSetting] = "http://0.0.0.0:0";
        await using var app = IngestHost.CreateBuilder([], settings).Build();

        var refused = Assert.Throws<OptionsValidationException>(() => app.MapIngestEndpoints());
        Assert.Contains("without tokens on http://0.0.0.0:0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_tokens_Ingest_stops_when_Kestrel_bound_beyond_loopback_whatever_chose_the_address()
    {
        var builder = IngestHost.CreateBuilder([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Ingest:DataDirectory"] = Directory.CreateTempSubdirectory("pontive-http-access-").FullName,
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });

        // An address no setting shows: the check before start cannot see it, the one after binding does.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(0));
        await using var app = builder.Build();
        app.MapIngestEndpoints();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Matches(@"without tokens on http://(\[::\]|0\.0\.0\.0):[1-9][0-9]*:", refused.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private Task<IngestUnderTest> StartIngestAsync() => IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
    {
        ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
        ["InfluxDb:Database"] = _database,
        ["HttpAccess:AdminTokens:0"] = AdminToken,
        ["HttpAccess:AnalystTokens:0"] = AnalystToken,
    });
}
