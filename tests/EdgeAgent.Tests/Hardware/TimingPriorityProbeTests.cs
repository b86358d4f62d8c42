using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Tests.Hardware;

/// <summary>The journal says once, at start, at which priority the pulse-timed sensors will be read.</summary>
public sealed class TimingPriorityProbeTests
{
    [Fact]
    public async Task A_profile_with_an_hx711_or_hcsr04_gets_one_line_naming_them_and_the_priority()
    {
        var logger = new FakeLogger<TimingPriorityProbe>();
        var probe = new TimingPriorityProbe(Profile(("scale-1", "hx711"), ("env-1", "bme280"), ("bin-1", "hcsr04")), logger);

        await probe.StartAsync(CancellationToken.None);

        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.InRange(line.Id.Id, 202, 204); // real-time, nice, or not raised
        Assert.Contains("scale-1, bin-1", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("env-1", line.Message, StringComparison.Ordinal);
        // Only a process without the right stays at normal priority, and that one is a warning.
        Assert.Equal(line.Id.Id == 204 ? LogLevel.Warning : LogLevel.Information, line.Level);
    }

    [Fact]
    public async Task A_profile_without_pulse_timed_sensors_says_nothing()
    {
        var logger = new FakeLogger<TimingPriorityProbe>();
        var probe = new TimingPriorityProbe(Profile(("env-1", "bme280"), ("aq-1", "pms5003")), logger);

        await probe.StartAsync(CancellationToken.None);

        Assert.Empty(logger.Collector.GetSnapshot());
    }

    private static IOptions<SensorListOptions> Profile(params (string Id, string Driver)[] sensors) =>
        Options.Create(new SensorListOptions { Sensors = [.. sensors.Select(s => new SensorOptions { Id = s.Id, Driver = s.Driver })] });
}
