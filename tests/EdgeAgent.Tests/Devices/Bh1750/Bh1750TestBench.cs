using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Bh1750;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Bh1750;

/// <summary>The light sensor through the real BH1750FVI driver on an emulated chip, with a fake clock.</summary>
internal sealed class Bh1750TestBench : IDisposable
{
    /// <summary>11:43 in Pontianak (UTC+7): solar noon.</summary>
    public static readonly DateTimeOffset PontianakSolarNoon = new(2026, 11, 28, 4, 43, 0, TimeSpan.Zero);

    private Bh1750Sensor? _sensor;

    private Bh1750TestBench(Bh1750Scenario scenario, DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Emulator = new Bh1750Emulator(scenario, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public Bh1750Emulator Emulator { get; }

    public Bh1750Sensor Sensor => _sensor ?? throw new InvalidOperationException("Connect the sensor first.");

    /// <summary>A cloudless open sky.</summary>
    public static Bh1750Scenario ClearScenario() => new() { CloudCover = 0 };

    public static Bh1750TestBench Unconnected(Bh1750Scenario? scenario = null, DateTimeOffset? start = null) =>
        new(scenario ?? ClearScenario(), start ?? PontianakSolarNoon);

    /// <summary>The sensor connected, with its first measurement finished.</summary>
    public static Bh1750TestBench Connected(Bh1750Scenario? scenario = null, DateTimeOffset? start = null)
    {
        var bench = Unconnected(scenario, start);
        bench.Connect();
        bench.Clock.Advance(Bh1750Sensor.MaxMeasurementTime);
        return bench;
    }

    public void Connect() =>
        _sensor = new Bh1750Sensor(new SensorOptions { Id = "light-1", Kind = "light", Driver = "bh1750" }, Emulator, Clock);

    /// <summary>A reading a minute after the last, as the sampler takes them.</summary>
    public async Task<double> ReadLuxAsync()
    {
        var values = await Sensor.ReadAsync(CancellationToken.None);
        Assert.Equal([ValueNames.IlluminanceLux], values.Keys);
        return values[ValueNames.IlluminanceLux];
    }

    public void Dispose()
    {
        if (_sensor is not null)
        {
            _sensor.Dispose();
        }
        else
        {
            Emulator.Dispose();
        }
    }
}
