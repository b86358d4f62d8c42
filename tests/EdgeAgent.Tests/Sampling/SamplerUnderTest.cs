using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sampling;
using Pontive.Iot.EdgeAgent.Sensors;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Sampling;

/// <summary>
/// The real sampler over emulated BME280s (through <see cref="WiredBuses"/>), the real outbox and a
/// <see cref="DeviceClock"/>: time moves only when the test runs it, and only once every sensor loop is parked.
/// </summary>
internal sealed class SamplerUnderTest : IAsyncDisposable
{
    private readonly SensorSampler _sampler;
    private readonly int _sensorCount;

    public SamplerUnderTest(IReadOnlyList<(string Id, TimeSpan Interval)> sensors, bool clockTrusted = true)
    {
        _sensorCount = sensors.Count;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < sensors.Count; i++)
        {
            settings[$"Sensors:{i}:Id"] = sensors[i].Id;
            settings[$"Sensors:{i}:Kind"] = "environment";
            settings[$"Sensors:{i}:Driver"] = "bme280";
            settings[$"Sensors:{i}:Interval"] = sensors[i].Interval.ToString("c", CultureInfo.InvariantCulture);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var list = new SensorListOptions();
        configuration.Bind(list);

        Store = new AgentStore(Clock);
        Buses = new WiredBuses(Clock);
        Trust = clockTrusted ? ClockTrusts.Trusted(Clock) : ClockTrusts.WaitingForTimesync(Clock, ClockTrusts.NeverSynced);
        var factory = new SensorFactory(Options.Create(list), configuration, Buses, Clock, NullLoggerFactory.Instance);
        _sampler = new SensorSampler(factory, Store.Telemetry, Health, Trust, Clock, NullLogger<SensorSampler>.Instance);
    }

    public DeviceClock Clock { get; } = new();

    public AgentStore Store { get; }

    public WiredBuses Buses { get; }

    public SensorHealth Health { get; } = new();

    public ClockTrust Trust { get; }

    /// <summary>Starts sampling and returns once every sensor took its first reading (or failed it) and waits for the next.</summary>
    public async Task StartAsync()
    {
        await _sampler.StartAsync(CancellationToken.None);
        await Clock.WaitForPendingAsync(_sensorCount);
    }

    /// <summary>Lets the sampler run for <paramref name="duration"/> of device time.</summary>
    public Task RunAsync(TimeSpan duration) => Clock.RunAsync(duration, parkedLoops: _sensorCount);

    public IReadOnlyList<Sample> SamplesOf(string sensorId) =>
        [.. Store.Telemetry.PeekBatch(int.MaxValue, int.MaxValue).Select(e => e.Sample).Where(s => s.Sensor == sensorId)];

    public async ValueTask DisposeAsync()
    {
        await _sampler.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Test);
        _sampler.Dispose();
        Trust.Dispose();
        Store.Dispose();
    }
}
