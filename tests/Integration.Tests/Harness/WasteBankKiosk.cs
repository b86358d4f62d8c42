using System.Globalization;
using System.Net;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>
/// A waste bank's agent with its kiosk on real time (the page follows the scale live): an emulated HX711 platform
/// scale the test puts loads on, and what the test needs to seed (an operator's PIN).
/// </summary>
public static class WasteBankKiosk
{
    public const string ScaleId = "scale-1";

    /// <summary>The kiosk device's settings: an HX711 scale with a known calibration, settling fast for tests.</summary>
    public static Dictionary<string, string?> Settings(string site, int brokerPort) => new()
    {
        ["Agent:Site"] = site,
        ["Agent:Device"] = "scale-01",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = brokerPort.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:ReconnectDelayMax"] = "00:00:01",
        ["Hardware:Mode"] = "Emulated",
        ["Clock:TrustSource"] = "Always",
        ["Kiosk:Enabled"] = "true",
        ["Sensors:0:Id"] = ScaleId,
        ["Sensors:0:Kind"] = "scale",
        ["Sensors:0:Driver"] = "hx711",
        ["Sensors:0:Pins:Data"] = "5",
        ["Sensors:0:Pins:Clock"] = "6",
        ["Sensors:0:Interval"] = "00:01:00",
        // Weights to 5 g, as the waste-bank kit's profile has it.
        ["Sensors:0:DivisionGrams"] = "5",
        ["Sensors:0:Stability:Readings"] = "3",
        ["Sensors:0:Stability:ToleranceGrams"] = "5",
        ["Sensors:0:Stability:Window"] = "00:00:01",
        ["Sensors:0:Calibration:Id"] = "2026-11-20",
        ["Sensors:0:Calibration:ZeroRaw"] = "84000",
        ["Sensors:0:Calibration:CountsPerKg"] = "42950",
        ["Sensors:0:Emulation:OffsetCounts"] = "84000",
        ["Sensors:0:Emulation:CountsPerKg"] = "42950",
        ["Sensors:0:Emulation:NoiseCounts"] = "0",
        ["Sensors:0:Emulation:SettlingTime"] = "00:00:00.300",
    };

    /// <summary>Puts a load on the emulated platform (0 takes it off).</summary>
    public static void PlaceLoad(this AgentUnderTest agent, double kg)
    {
        ArgumentNullException.ThrowIfNull(agent);
        agent.Emulator<EmulatedGpioDriver>(ScaleId).Part<Hx711Emulator>().PlaceLoad(kg);
    }

    /// <summary>Completes once the scale reads a stable weight within 5 g of <paramref name="kg"/>.</summary>
    public static Task<ScaleSample> StableAtAsync(this AgentUnderTest agent, double kg)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var monitor = agent.Service<ScaleMonitor>();
        var settled = new TaskCompletionSource<ScaleSample>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(ScaleReading reading)
        {
            if (reading.Sample is { IsStable: true } sample && Math.Abs((double)sample.MassKg - kg) <= 0.005)
            {
                settled.TrySetResult(sample);
            }
        }

        monitor.Updated += Check;
        Check(monitor.Latest);
        return settled.Task.WaitAsync(IngestWaits.Patience).ContinueWith(
            t =>
            {
                monitor.Updated -= Check;
                return t.GetAwaiter().GetResult();
            },
            TaskScheduler.Default);
    }

    /// <summary>Completes once the kiosk holds a price table (sent by the city through Ingest).</summary>
    public static Task PriceTableArrivedAsync(this AgentUnderTest agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var cache = agent.Service<PriceTableCache>();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Changed += _ => arrived.TrySetResult();
        if (cache.Current is not null)
        {
            arrived.TrySetResult();
        }

        return arrived.Task.WaitAsync(IngestWaits.Patience);
    }

    /// <summary>An HTTP client for the kiosk that keeps the session cookie, as a browser does.</summary>
    public static HttpClient KioskClient(this AgentUnderTest agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
#pragma warning disable CA2000 // The client owns the handler (disposeHandler: true).
        return new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }, disposeHandler: true) { BaseAddress = agent.WebAddress };
#pragma warning restore CA2000
    }
}
