using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent;
using Pontive.Iot.EdgeAgent.Hardware;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>
/// The real edge agent in this process on emulated buses, with a fake clock: sample times are exactly what the
/// test set, and nothing waits for real minutes to pass.
/// </summary>
public sealed class AgentUnderTest : IAsyncDisposable
{
    /// <summary>The instant the fake clock starts at: 2026-11-28 03:15 UTC (10:15 in Pontianak).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 3, 15, 0, TimeSpan.Zero);

    private readonly WebApplication _host;
    private readonly TimeProvider _clock;

    private AgentUnderTest(WebApplication host, TimeProvider clock, string dataDirectory, TestOutputLoggerProvider logs)
    {
        _host = host;
        _clock = clock;
        DataDirectory = dataDirectory;
        Logs = logs;
    }

    /// <summary>The agent's fake clock (not available when the agent runs on real time, as for the kiosk).</summary>
    public FakeTimeProvider Time => _clock as FakeTimeProvider ?? throw new InvalidOperationException("This agent runs on real time.");

    /// <summary>Where the agent's web side listens (the kiosk page when Kiosk:Enabled, and /health).</summary>
    public Uri WebAddress => new(_host.Urls.First());

    public string DataDirectory { get; }

    public TestOutputLoggerProvider Logs { get; }

    public T Service<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>One BME280 (env-1 at 0x76) with steady conditions, on emulated buses, connected to <paramref name="brokerPort"/>.</summary>
    public static Dictionary<string, string?> ParkWithSteadyWeather(string site, int brokerPort, double temperature = 29.4, double humidity = 78.1, double pressure = 1009.6) => new()
    {
        ["Agent:Site"] = site,
        ["Agent:Device"] = "sensors-01",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Hardware:Mode"] = "Emulated",
        ["Clock:TrustSource"] = "Always",
        ["Sensors:0:Id"] = "env-1",
        ["Sensors:0:Kind"] = "environment",
        ["Sensors:0:Driver"] = "bme280",
        ["Sensors:0:Address"] = "0x76",
        ["Sensors:0:Interval"] = "00:01:00",
        ["Sensors:0:Emulation:TemperatureCelsius"] = Invariant(temperature),
        ["Sensors:0:Emulation:RelativeHumidityPercent"] = Invariant(humidity),
        ["Sensors:0:Emulation:PressureHectopascals"] = Invariant(pressure),
        ["Sensors:0:Emulation:DailyTemperatureSwingCelsius"] = "0",
        ["Sensors:0:Emulation:DailyHumiditySwingPercent"] = "0",
        ["Sensors:0:Emulation:TemperatureNoiseCelsius"] = "0",
        ["Sensors:0:Emulation:HumidityNoisePercent"] = "0",
        ["Sensors:0:Emulation:PressureNoiseHectopascals"] = "0",
    };

    /// <param name="dataDirectory">Reuse a previous agent's folder to restart "the same device".</param>
    /// <param name="beforeStart">Runs after the host is built and before it starts: hook events that fire at start.</param>
    public static async Task<AgentUnderTest> StartAsync(
        ITestOutputHelper output,
        IDictionary<string, string?> settings,
        string? dataDirectory = null,
        TimeProvider? time = null,
        Action<AgentUnderTest>? beforeStart = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("pontive-agent-test-").FullName;
        var all = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Agent:DataDirectory"] = dataDirectory,
        };
        var builder = AgentHost.CreateBuilder([], profilePath: null, overrides: all);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        time ??= new FakeTimeProvider(Start);
        builder.Services.AddSingleton(time);
        var logs = new TestOutputLoggerProvider(output, "[agent]");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var host = builder.BuildAgent();
        var agent = new AgentUnderTest(host, time, dataDirectory, logs);
        beforeStart?.Invoke(agent);
        await host.StartAsync().ConfigureAwait(false);
        return agent;
    }

    /// <summary>Stops the agent cleanly (it says "offline" and disconnects); its data folder stays for a restart.</summary>
    public async Task StopAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
    }

    /// <summary>The bus-level emulator of a sensor (a register map, a GPIO driver hosting the part, a serial stream).</summary>
    public T Emulator<T>(string sensorId)
        where T : class =>
        Service<EmulatedBuses>().Emulators.TryGetValue(sensorId, out var emulator)
            ? emulator as T ?? throw new InvalidOperationException($"The emulator of {sensorId} is a {emulator.GetType().Name}, not a {typeof(T).Name}.")
            : throw new InvalidOperationException($"No emulator for {sensorId} yet: the sensor has not been opened.");

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().ConfigureAwait(false);
        await _host.DisposeAsync().ConfigureAwait(false);
    }

    private static string Invariant(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
