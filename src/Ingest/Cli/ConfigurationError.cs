using Microsoft.Extensions.Options;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>A bad setting ends the program with one clear message per problem and exit code 2, not a stack trace.</summary>
internal static class ConfigurationError
{
    public const int ExitCode = 2;

    public static int Report(OptionsValidationException ex)
    {
        var section = ex.OptionsType.Name.Replace("Options", string.Empty, StringComparison.Ordinal);
        Console.Error.WriteLine($"Configuration error in section '{section}':");
        foreach (var failure in ex.Failures)
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        Console.Error.WriteLine("Settings come from appsettings.json, environment variables (Section__Name) and --Section:Name=value.");
        return ExitCode;
    }
}
