using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Bme280;

// Plain "Sampling" would name the agent's Pontive.Iot.EdgeAgent.Sampling namespace.
using Oversampling = Iot.Device.Bmxx80.Sampling;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>The real BME280 driver on an emulated chip, with a fake clock.</summary>
internal sealed class Bme280TestBench : IDisposable
{
    /// <summary>14:00 in Pontianak (UTC+7): the warmest moment of the scenario's day.</summary>
    public static readonly DateTimeOffset PontianakAfternoon = new(2026, 11, 28, 7, 0, 0, TimeSpan.Zero);

    private Bme280TestBench(Bme280Scenario scenario, FakeTimeProvider clock)
    {
        Clock = clock;
        Emulator = new Bme280Emulator(scenario, clock);
    }

    public FakeTimeProvider Clock { get; }

    public Bme280Emulator Emulator { get; }

    private Bme280? _driver;

    /// <summary>The driver; created by <see cref="ConnectDriver"/>.</summary>
    public Bme280 Driver => _driver ?? throw new InvalidOperationException("Connect the driver first.");

    /// <summary>A scenario with no daily cycle and no noise, so readings equal its means.</summary>
    public static Bme280Scenario SteadyScenario() => new()
    {
        DailyTemperatureSwingCelsius = 0,
        DailyHumiditySwingPercent = 0,
        TemperatureNoiseCelsius = 0,
        HumidityNoisePercent = 0,
        PressureNoiseHectopascals = 0,
    };

    /// <summary>An emulator without a driver yet, for tests about what happens while connecting.</summary>
    public static Bme280TestBench Unconnected(Bme280Scenario? scenario = null, DateTimeOffset? start = null) =>
        new(scenario ?? SteadyScenario(), new FakeTimeProvider(start ?? PontianakAfternoon));

    /// <summary>
    /// The driver connected in normal mode, where <see cref="Bme280.Read"/> does not sleep for a forced
    /// conversion, and at the finest pressure resolution (x1 resolves only 2.6 Pa).
    /// </summary>
    public static Bme280TestBench Connected(Bme280Scenario? scenario = null, DateTimeOffset? start = null)
    {
        var bench = Unconnected(scenario, start);
        bench.ConnectDriver();
        bench.Driver.PressureSampling = Oversampling.UltraHighResolution;
        bench.Driver.SetPowerMode(Bmx280PowerMode.Normal);
        return bench;
    }

    public void ConnectDriver() => _driver = new Bme280(Emulator);

    /// <summary>Reads through the driver and insists every quantity came back.</summary>
    public Bme280Conditions Read()
    {
        Bme280ReadResult result = Driver.Read();
        Assert.NotNull(result.Temperature);
        Assert.NotNull(result.Humidity);
        Assert.NotNull(result.Pressure);
        return new Bme280Conditions(
            result.Temperature.Value.DegreesCelsius,
            result.Humidity.Value.Percent,
            result.Pressure.Value.Hectopascals);
    }

    public void Dispose()
    {
        // The driver owns its bus device and disposes the emulator with it.
        if (_driver is not null)
        {
            _driver.Dispose();
        }
        else
        {
            Emulator.Dispose();
        }
    }
}
