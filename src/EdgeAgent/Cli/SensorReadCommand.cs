using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>
/// <c>pontive-agent sensors read --profile FILE</c>: for the field technician after wiring a kit. Takes one reading of
/// every configured sensor through the same drivers and buses the agent uses, and prints each with its units and OK,
/// or FAIL with the reason. Exit code 0 when every sensor answered, 1 otherwise. Does not touch the outbox or MQTT.
/// </summary>
internal static class SensorReadCommand
{
    /// <summary>A sensor that does not answer within this time is reported as failing (a missing HX711 would wait forever).</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    public static Command Build(Option<FileInfo?> profile)
    {
        var read = new Command("read", "Read every configured sensor once and print OK or FAIL for each") { profile };
        read.TreatUnmatchedTokensAsErrors = false;
        read.SetAction(async (parse, ct) =>
        {
            try
            {
                using var host = AgentHost.CreateBuilder([.. parse.UnmatchedTokens], parse.GetValue(profile)?.FullName).Build();
                _ = host.Services.GetRequiredService<IOptions<SensorListOptions>>().Value;
                return await ReadAllAsync(host.Services.GetRequiredService<SensorFactory>(), Console.Out, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ConfigurationError.ProblemsIn(ex) is { Count: > 0 } problems)
            {
                return ConfigurationError.Report(problems);
            }
        });
        return new Command("sensors", "Check the sensors of this device") { read };
    }

    /// <returns>0 when every sensor answered, 1 when at least one failed.</returns>
    public static async Task<int> ReadAllAsync(SensorFactory factory, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(output);
        if (factory.Entries.Count == 0)
        {
            await output.WriteLineAsync("No sensors are configured. Pass the device profile: --profile hardware/profiles/<kit>.json").ConfigureAwait(false);
            return 1;
        }

        var failures = 0;
        for (var i = 0; i < factory.Entries.Count; i++)
        {
            var entry = factory.Entries[i];
            var line = await ReadOneAsync(factory, i, cancellationToken).ConfigureAwait(false);
            failures += line.Ok ? 0 : 1;
            await output.WriteLineAsync($"{(line.Ok ? "OK  " : "FAIL")}  {entry.Id,-12} {entry.Kind,-12} {entry.Driver,-16} {line.Text}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(failures == 0
            ? $"All {factory.Entries.Count} sensors answered."
            : $"{failures} of {factory.Entries.Count} sensors failed: check their wiring (hardware/<kit>/wiring.md) and run this again.").ConfigureAwait(false);
        return failures == 0 ? 0 : 1;
    }

    /// <summary>What a technician should check when the Pi itself has the bus switched off.</summary>
    private static string HintFor(string message) => message switch
    {
        _ when message.Contains("/dev/i2c", StringComparison.Ordinal) => " (is I2C on? sudo raspi-config → Interface Options → I2C, then reboot)",
        _ when message.Contains("gpiochip", StringComparison.Ordinal) => " (is this a Raspberry Pi with GPIO access? run as a user in the gpio group)",
        _ when message.Contains("/dev/tty", StringComparison.Ordinal) || message.Contains("/dev/serial", StringComparison.Ordinal)
            => " (is the serial port on and the console off? sudo raspi-config → Interface Options → Serial Port)",
        _ => string.Empty,
    };

    private static async Task<(bool Ok, string Text)> ReadOneAsync(SensorFactory factory, int index, CancellationToken cancellationToken)
    {
        ISensor? sensor = null;
        try
        {
            sensor = factory.Create(index);
            var reading = sensor.ReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(reading, Task.Delay(ReadTimeout, cancellationToken)).ConfigureAwait(false) != reading)
            {
                return (false, $"no answer within {ReadTimeout.TotalSeconds:0} s");
            }

            // A driver's own timeout (a serial device that stopped sending) arrives here with its message and hint.
            var values = await reading.ConfigureAwait(false);
            var text = string.Join(", ", values.Select(v => ValueUnits.Format(v.Key, v.Value)));
            if (sensor is IHasRawReading { LastRawReading: { } raw })
            {
                text += $"  [{raw}]";
            }

            return (true, text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var raw = sensor is IHasRawReading { LastRawReading: { } figure } ? $"  [{figure}]" : string.Empty;
            return (false, $"{ex.GetType().Name}: {ex.Message}{HintFor(ex.Message)}{raw}");
        }
        finally
        {
            sensor?.Dispose();
        }
    }
}
