using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Ads1115Soil;

/// <summary>The soil sensor through the real ADS1115 driver on an emulated chip, with a fake clock.</summary>
internal sealed class Ads1115SoilTestBench : IDisposable
{
    /// <summary>12:00 in Pontianak (UTC+7).</summary>
    public static readonly DateTimeOffset PontianakNoon = new(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);

    private Ads1115SoilSensor? _sensor;

    private Ads1115SoilTestBench(Ads1115Scenario scenario, int channel, DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Channel = channel;
        Emulator = new Ads1115Emulator(scenario, channel, Clock);
    }

    /// <summary>A probe calibrated at 2.8 V in air and 1.2 V in water, as a v1.2 probe on 3.3 V reads.</summary>
    public static SoilCalibration Calibration => new() { DryRaw = 22400, WetRaw = 9600 };

    public FakeTimeProvider Clock { get; }

    public int Channel { get; }

    public Ads1115Emulator Emulator { get; }

    public Ads1115SoilSensor Sensor => _sensor ?? throw new InvalidOperationException("Connect the sensor first.");

    /// <summary>A probe holding <paramref name="volts"/> all day, without noise.</summary>
    public static Ads1115Scenario SteadyScenario(double volts) => new()
    {
        VoltsAfterWatering = volts,
        DryVolts = volts,
        DryingVoltsPerHour = 0,
        NoiseVolts = 0,
        OtherInputsVolts = 0.3,
    };

    public static Ads1115SoilTestBench Unconnected(Ads1115Scenario? scenario = null, int channel = 0, DateTimeOffset? start = null) =>
        new(scenario ?? SteadyScenario(2.0), channel, start ?? PontianakNoon);

    public static Ads1115SoilTestBench Connected(Ads1115Scenario? scenario = null, int channel = 0, DateTimeOffset? start = null)
    {
        var bench = Unconnected(scenario, channel, start);
        bench.Connect();
        return bench;
    }

    public void Connect() =>
        _sensor = new Ads1115SoilSensor(new SensorOptions { Id = "soil-1", Kind = "soil", Driver = "ads1115-soil" }, Emulator, Channel, Calibration);

    public double ReadMoisture()
    {
        var values = Sensor.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        Assert.Equal([ValueNames.MoisturePct], values.Keys);
        return values[ValueNames.MoisturePct];
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
