using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Vl53l0x;

/// <summary>The fill-level sensor through the real VL53L0X driver on an emulated chip, with a fake clock.</summary>
internal sealed class Vl53l0xTestBench : IDisposable
{
    /// <summary>12:00 in Pontianak (UTC+7).</summary>
    public static readonly DateTimeOffset PontianakNoon = new(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);

    /// <summary>A 90 cm bin, full at the sensor's 3 cm blind zone.</summary>
    public static readonly FillLevelGauge Bin = new(binDepthCm: 90, fullDistanceCm: 3);

    private Vl53l0xSensor? _sensor;

    private Vl53l0xTestBench(Vl53l0xScenario scenario, DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Emulator = new Vl53l0xEmulator(scenario, Clock);
    }

    public FakeTimeProvider Clock { get; }

    public Vl53l0xEmulator Emulator { get; }

    public Vl53l0xSensor Sensor => _sensor ?? throw new InvalidOperationException("Connect the sensor first.");

    /// <summary>The default bin day without noise.</summary>
    public static Vl53l0xScenario QuietScenario() => new() { NoiseCm = 0 };

    public static Vl53l0xTestBench Unconnected(Vl53l0xScenario? scenario = null, DateTimeOffset? start = null) =>
        new(scenario ?? QuietScenario(), start ?? PontianakNoon);

    public static Vl53l0xTestBench Connected(Vl53l0xScenario? scenario = null, DateTimeOffset? start = null)
    {
        var bench = Unconnected(scenario, start);
        bench.Connect();
        return bench;
    }

    public void Connect() =>
        _sensor = new Vl53l0xSensor(new SensorOptions { Id = "bin-1", Kind = "fill_level", Driver = "vl53l0x" }, Emulator, Bin);

    public async Task<IReadOnlyDictionary<string, double>> ReadAsync() => await Sensor.ReadAsync(CancellationToken.None);

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
