using Microsoft.Extensions.Options;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>A bad setting ends the program with one clear message per problem and exit code 2, not a stack trace.</summary>
internal static class ConfigurationError
{
    public const int ExitCode = 2;

    public static int Report(OptionsValidationException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return Report([.. ex.Failures]);
    }

    public static int Report(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Console.Error.WriteLine("The agent cannot start: its configuration has problems.");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  - {problem}");
        }

        return Hint();
    }

    /// <summary>
    /// What a start-up exception says about the settings: the validation failures, a value that cannot be converted,
    /// a missing profile; several at once when more than one section is wrong. Empty when the exception is not about the settings.
    /// </summary>
    public static IReadOnlyList<string> ProblemsIn(Exception ex) => ex switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        FileNotFoundException or InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } => [ex.Message],
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => ProblemsIn(inner).Count > 0) =>
            [.. aggregate.InnerExceptions.SelectMany(ProblemsIn)],
        _ => [],
    };

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
