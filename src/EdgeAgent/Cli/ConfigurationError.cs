using Microsoft.Extensions.Options;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>A bad setting ends the program with one clear message per problem and exit code 2, not a stack trace.</summary>
internal static class ConfigurationError
{
    public const int ExitCode = 2;

    public static int Report(OptionsValidationException ex)
    {
        Console.Error.WriteLine("The agent cannot start: its configuration has problems.");
        foreach (var failure in ex.Failures)
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        return Hint();
    }

    public static int Report(string problem)
    {
        Console.Error.WriteLine($"The agent cannot start: {problem}");
        return Hint();
    }

    private static int Hint()
    {
        Console.Error.WriteLine("Settings come from appsettings.json, the --profile file, environment variables (Section__Name) and --Section:Name=value.");
        return ExitCode;
    }
}
