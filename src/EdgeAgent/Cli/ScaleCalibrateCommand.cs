using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>
/// <c>pontive-agent scale calibrate --profile FILE --mass 10</c>: the technician's two-point calibration of a load-cell
/// scale, step by step (empty platform, then the certified mass), saved with today's date as its id. Stop the agent
/// service first (<c>sudo systemctl stop pontive-agent</c>): only one program may drive the scale's pins.
/// </summary>
internal static class ScaleCalibrateCommand
{
    public static Command Build(Option<FileInfo?> profile)
    {
        var mass = new Option<decimal>("--mass") { Description = "The known mass in kg (from its certificate), e.g. 10", Required = true };
        var scaleId = new Option<string?>("--scale") { Description = "The scale's sensor id when the profile has more than one" };
        var yes = new Option<bool>("--yes") { Description = "Do not wait for Enter between the steps (for scripts)" };
        var calibrate = new Command("calibrate", "Calibrate a load-cell scale with a known mass") { mass, scaleId, yes, profile };
        calibrate.TreatUnmatchedTokensAsErrors = false;
        calibrate.SetAction(async (parse, ct) =>
        {
            try
            {
                await using var host = AgentHost.CreateBuilder([.. parse.UnmatchedTokens], parse.GetValue(profile)?.FullName).BuildAgent();
                var factory = host.Services.GetRequiredService<SensorFactory>();
                var index = FindScale(factory.Entries, parse.GetValue(scaleId));
                if (index is null)
                {
                    await Console.Error.WriteLineAsync("No load-cell scale (driver hx711) in the profile; an indicator is calibrated in itself (tera).").ConfigureAwait(false);
                    return 1;
                }

                using var sensor = factory.Create(index.Value);
                if (sensor is not ICalibratableScale scale)
                {
                    await Console.Error.WriteLineAsync($"{factory.Entries[index.Value].Id} cannot be calibrated here: it is calibrated in itself.").ConfigureAwait(false);
                    return 1;
                }

                var store = new ScaleCalibrationStore(host.Services.GetRequiredService<IOptions<AgentOptions>>());
                return await RunAsync(new ScaleCalibrator(scale, store, TimeProvider.System), parse.GetValue(mass), !parse.GetValue(yes), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ConfigurationError.ProblemsIn(ex) is { Count: > 0 } problems)
            {
                return ConfigurationError.Report(problems);
            }
        });
        return new Command("scale", "The waste bank's scale") { calibrate };
    }

    private static int? FindScale(IReadOnlyList<SensorOptions> entries, string? id) =>
        Enumerable.Range(0, entries.Count).Cast<int?>().FirstOrDefault(i =>
            id is null ? string.Equals(entries[i!.Value].Driver, "hx711", StringComparison.OrdinalIgnoreCase) : entries[i!.Value].Id == id);

    private static async Task<int> RunAsync(ScaleCalibrator calibrator, decimal knownMassKg, bool askBetweenSteps, CancellationToken cancellationToken)
    {
        try
        {
            Step(askBetweenSteps, "1. Take everything off the platform, then press Enter.");
            var zero = await calibrator.ZeroAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   zero: {zero.Mean:0.0} counts (spread {zero.Spread})"));

            Step(askBetweenSteps, string.Create(CultureInfo.InvariantCulture, $"2. Put the {knownMassKg} kg mass in the middle of the platform, wait until it is still, then press Enter."));
            var countsPerKg = await calibrator.SpanAsync(knownMassKg, cancellationToken).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {countsPerKg:0.0} counts per kg"));

            var saved = calibrator.Save();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"3. Saved calibration {saved.Id}: zero {saved.ZeroRaw}, {saved.CountsPerKg:0.0} counts/kg, shows {saved.ResolutionKg} kg steps."));
            Console.WriteLine("   Check it: weigh the known mass at the four corners and a few other known loads (hardware/waste-bank-kit/field-notes.md).");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"Calibration failed, nothing was saved: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void Step(bool askBetweenSteps, string instruction)
    {
        Console.WriteLine(instruction);
        if (askBetweenSteps)
        {
            Console.ReadLine();
        }
    }
}
