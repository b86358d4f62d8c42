using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.Integration.Tests.Dashboard;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// A waste bank end to end for the browser tests: the real Ingest on the real InfluxDB (a database of its own), the
/// bank's agent with its kiosk on real time and an emulated HX711 scale, connected through a link the test can cut,
/// operator "siti" with PIN 1234, the city's price table (deploy/price-table.example.json) already on the agent, and
/// Debian's headless Chromium.
/// </summary>
public sealed class KioskRig : IAsyncDisposable
{
    public const string Operator = "siti";
    public const string Pin = "1234";

    private const string ScaleAbsentKey = "Sensors:0:Emulation:AbsentAtStart";

    private readonly ITestOutputHelper _output;
    private readonly string _screenshots;
    private IngestUnderTest? _ingest;
    private TcpCutProxy? _link;
    private AgentUnderTest? _agent;
    private DebianChromium? _chromium;

    private KioskRig(RealServers servers, ITestOutputHelper output, string site, string screenshots)
    {
        _output = output;
        _screenshots = RepositoryRoot.Screenshots(screenshots);
        Site = site;
        Influx = new InfluxQl(servers.InfluxDbUrl);
        Database = InfluxQl.NewDatabaseName("kiosk_browser");
    }

    public string Site { get; }

    public InfluxQl Influx { get; }

    public string Database { get; }

    public IngestUnderTest Ingest => _ingest ?? throw new InvalidOperationException("Not started.");

    /// <summary>The agent's only way to the broker: <see cref="TcpCutProxy.Cut"/> makes the city unreachable.</summary>
    public TcpCutProxy Link => _link ?? throw new InvalidOperationException("Not started.");

    public AgentUnderTest Agent => _agent ?? throw new InvalidOperationException("Not started.");

    /// <summary>The emulated HX711 the agent reads now (a new one after each time the agent opens the scale again).</summary>
    internal Hx711Emulator Scale => Agent.Emulator<EmulatedGpioDriver>(WasteBankKiosk.ScaleId).Part<Hx711Emulator>();

    /// <summary>
    /// The scale's cable comes out: the chip stops answering, and so does the one the agent opens when it retries
    /// (the emulator is made from the agent's configuration each time).
    /// </summary>
    public void UnplugScale()
    {
        Agent.Service<IConfiguration>()[ScaleAbsentKey] = "true";
        Scale.Absent = true;
    }

    /// <summary>The cable goes back in: the agent's next retry opens a chip that answers, with nothing on the platform.</summary>
    public void ReplugScale() => Agent.Service<IConfiguration>()[ScaleAbsentKey] = "false";

    /// <param name="screenshots">The folder under artifacts/test-results/screenshots/ for this test's screenshots.</param>
    /// <param name="settings">Agent settings over <see cref="WasteBankKiosk.Settings"/>.</param>
    /// <param name="time">The agent's clock: real time unless given (the page follows the scale live).</param>
    /// <param name="beforeStart">Runs after the agent is built and before it starts.</param>
    public static async Task<KioskRig> StartAsync(
        RealServers servers,
        ITestOutputHelper output,
        string site,
        string screenshots,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        Action<AgentUnderTest>? beforeStart = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        Assertions.SetDefaultExpectTimeout((float)IngestWaits.Patience.TotalMilliseconds);
        var rig = new KioskRig(servers, output, site, screenshots);
        try
        {
            await rig.StartServicesAsync(servers, settings, time ?? TimeProvider.System, beforeStart);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh browser context (no cookie, no remembered language) on the kiosk, with a screen of this size.</summary>
    /// <param name="pageClockAt">
    /// When given, the page runs on Playwright's fake clock, stopped at this time: its timers (polls, countdowns) fire
    /// only when the test moves it (<see cref="IClock.FastForwardAsync(string)"/>).
    /// </param>
    public async Task<KioskPage> OpenKioskAsync(int width, int height, DateTime? pageClockAt = null)
    {
        var context = await _chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        if (pageClockAt is { } at)
        {
            // Installed, the clock runs until paused, and it only pauses ahead of where it is: start it well before.
            await page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = at - TimeSpan.FromHours(1) });
            await page.Clock.PauseAtAsync(at);
        }

        var kiosk = new KioskPage(page, _screenshots, _output);
        var response = await page.GotoAsync(Agent.WebAddress.ToString());
        Assert.Equal(200, response?.Status);
        return kiosk;
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }

        if (_link is not null)
        {
            await _link.DisposeAsync();
        }

        if (_ingest is not null)
        {
            await _ingest.DisposeAsync();
        }

        await Influx.DropDatabaseAsync(Database);
        Influx.Dispose();
    }

    private async Task StartServicesAsync(RealServers servers, IDictionary<string, string?>? overrides, TimeProvider time, Action<AgentUnderTest>? beforeStart)
    {
        _ingest = await IngestUnderTest.StartAsync(_output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = Database,
        });
        _link = new TcpCutProxy(_ingest.BrokerPort);
        var settings = WasteBankKiosk.Settings(Site, _link.Port);

        // A reading is the median of three conversions at 10 a second, one every 500 ms or more: three of them span
        // a second, so a 1 s window would flicker between stable and not while the load stays put.
        settings["Sensors:0:Stability:Window"] = "00:00:02";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var online = _ingest.StoredFrom(Site, DeviceChannel.Status);
        _agent = await AgentUnderTest.StartAsync(_output, settings, time: time, beforeStart: beforeStart);
        _agent.Service<OperatorStore>().Set(Operator, Pin);
        await online;
        await PublishPriceTableAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "price-table.example.json")));
        await _agent.PriceTableArrivedAsync();
        _chromium = await DebianChromium.LaunchAsync();
    }

    /// <summary>The city sets the bank's price table (JSON as <c>pontive-ingest prices publish</c> takes it).</summary>
    public async Task PublishPriceTableAsync(string table)
    {
        using var http = new HttpClient { BaseAddress = Ingest.HttpAddress };
        using var content = new StringContent(table, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri($"/admin/sites/{Site}/price-table", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
