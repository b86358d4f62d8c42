using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Bme280;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>A scenario's weather over a day is what its settings say.</summary>
public sealed class Bme280ScenarioTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(7, 31.0, 68.0)] // 14:00 in Pontianak: warmest, driest
    [InlineData(19, 23.0, 92.0)] // 02:00: coolest, dampest
    [InlineData(1, 27.0, 80.0)] // 08:00: on the mean, warming
    [InlineData(13, 27.0, 80.0)] // 20:00: on the mean, cooling
    public void The_daily_swing_peaks_at_two_in_the_afternoon_Pontianak_time(
        int utcHour, double celsius, double humidityPercent)
    {
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.DailyTemperatureSwingCelsius = 4;
        scenario.DailyHumiditySwingPercent = 12;

        var conditions = scenario.ConditionsAt(Day.AddHours(utcHour));

        Assert.Equal(celsius, conditions.TemperatureCelsius, 1e-9);
        Assert.Equal(humidityPercent, conditions.RelativeHumidityPercent, 1e-9);
        Assert.Equal(1009.0, conditions.PressureHectopascals, 1e-9);
    }

    [Fact]
    public void The_defaults_describe_a_Pontianak_day()
    {
        var scenario = new Bme280Scenario();

        Assert.Equal(27.0, scenario.TemperatureCelsius);
        Assert.Equal(80.0, scenario.RelativeHumidityPercent);
        Assert.Equal(1009.0, scenario.PressureHectopascals);
        Assert.True(scenario.ConditionsAt(Day.AddHours(7)).TemperatureCelsius > scenario.ConditionsAt(Day.AddHours(19)).TemperatureCelsius);
    }

    [Fact]
    public void Noise_stays_within_its_amplitude_and_uses_the_whole_of_it()
    {
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.TemperatureNoiseCelsius = 0.5;
        scenario.HumidityNoisePercent = 2.0;
        scenario.PressureNoiseHectopascals = 0.3;

        var samples = Enumerable.Range(0, 500).Select(minute => scenario.ConditionsAt(Day.AddMinutes(minute))).ToList();

        AssertSpread(samples.Select(c => c.TemperatureCelsius - 27.0).ToList(), 0.5);
        AssertSpread(samples.Select(c => c.RelativeHumidityPercent - 80.0).ToList(), 2.0);
        AssertSpread(samples.Select(c => c.PressureHectopascals - 1009.0).ToList(), 0.3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_noise_at_the_same_time_and_another_seed_does_not()
    {
        var first = new Bme280Scenario { NoiseSeed = 42 };
        var again = new Bme280Scenario { NoiseSeed = 42 };
        var other = new Bme280Scenario { NoiseSeed = 43 };
        var times = Enumerable.Range(0, 20).Select(second => Day.AddSeconds(second)).ToList();

        var firstRun = times.Select(first.ConditionsAt).ToList();

        Assert.Equal(firstRun, times.Select(again.ConditionsAt).ToList());
        Assert.Equal(firstRun, times.Select(first.ConditionsAt).ToList());
        Assert.NotEqual(firstRun, times.Select(other.ConditionsAt).ToList());
    }

    [Fact]
    public void Humidity_pushed_past_saturation_by_the_swing_stays_at_100_percent()
    {
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.RelativeHumidityPercent = 95;
        scenario.DailyHumiditySwingPercent = 12;

        Assert.Equal(100.0, scenario.ConditionsAt(Day.AddHours(19)).RelativeHumidityPercent);
    }

    [Fact]
    public void The_driver_follows_the_scenario_as_the_clock_moves()
    {
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.DailyTemperatureSwingCelsius = 4;
        scenario.DailyHumiditySwingPercent = 12;
        using var bench = Bme280TestBench.Connected(scenario, Day.AddHours(7));

        var afternoon = bench.Read();
        bench.Clock.Advance(TimeSpan.FromHours(12));
        var night = bench.Read();

        Assert.Equal(31.0, afternoon.TemperatureCelsius, 0.01);
        Assert.Equal(68.0, afternoon.RelativeHumidityPercent, 0.05);
        Assert.Equal(23.0, night.TemperatureCelsius, 0.01);
        Assert.Equal(92.0, night.RelativeHumidityPercent, 0.05);
    }

    [Fact]
    public void The_driver_reads_the_scenario_noise_of_the_moment()
    {
        var scenario = new Bme280Scenario { TemperatureNoiseCelsius = 0.3, HumidityNoisePercent = 1.0, PressureNoiseHectopascals = 0.2 };
        using var bench = Bme280TestBench.Connected(scenario, Day.AddHours(3));
        var expected = scenario.ConditionsAt(bench.Clock.GetUtcNow());

        var read = bench.Read();

        Assert.Equal(expected.TemperatureCelsius, read.TemperatureCelsius, 0.01);
        Assert.Equal(expected.RelativeHumidityPercent, read.RelativeHumidityPercent, 0.05);
        Assert.Equal(expected.PressureHectopascals, read.PressureHectopascals, 0.01);
    }

    [Fact]
    public void Binds_from_a_sensor_emulation_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sensors:0:Emulation:TemperatureCelsius"] = "30.5",
                ["Sensors:0:Emulation:RelativeHumidityPercent"] = "70",
                ["Sensors:0:Emulation:PressureHectopascals"] = "1005",
                ["Sensors:0:Emulation:DailyTemperatureSwingCelsius"] = "3",
                ["Sensors:0:Emulation:NoiseSeed"] = "7",
                ["Sensors:0:Emulation:AbsentAtStart"] = "true",
                ["Sensors:0:Emulation:FailFrom"] = "2026-11-28T09:00:00+07:00",
                ["Sensors:0:Emulation:FailUntil"] = "2026-11-28T09:30:00+07:00",
            })
            .Build();

        var scenario = configuration.GetSection("Sensors:0:Emulation").Get<Bme280Scenario>();

        Assert.NotNull(scenario);
        Assert.Equal(30.5, scenario.TemperatureCelsius);
        Assert.Equal(70.0, scenario.RelativeHumidityPercent);
        Assert.Equal(1005.0, scenario.PressureHectopascals);
        Assert.Equal(3.0, scenario.DailyTemperatureSwingCelsius);
        Assert.Equal(12.0, scenario.DailyHumiditySwingPercent);
        Assert.Equal(7, scenario.NoiseSeed);
        Assert.True(scenario.AbsentAtStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero), scenario.FailFrom);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 2, 30, 0, TimeSpan.Zero), scenario.FailUntil);
    }

    private static void AssertSpread(List<double> deviations, double amplitude)
    {
        Assert.All(deviations, deviation => Assert.InRange(deviation, -amplitude, amplitude));
        Assert.True(deviations.Max() - deviations.Min() > 1.8 * amplitude, "noise should span most of its range");
        Assert.InRange(deviations.Average(), -0.1 * amplitude, 0.1 * amplitude);
    }
}
