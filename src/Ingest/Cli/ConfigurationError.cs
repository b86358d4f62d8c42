using Microsoft.Extensions.Options;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>A bad setting ends the program with one clear message per problem and exit code 2, not a stack trace.</summary>
internal static class ConfigurationError
{
    public const int ExitCode = 2;

    public static int Report(OptionsValidationException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var section = ex.OptionsType.Name.Replace("Options", string.Empty, StringComparison.Ordinal);
        return Report([.. ex.Failures.Select(f => $"[{section}] {f}")], $"Configuration error in section '{section}':");
    }

    public static int Report(IReadOnlyList<string> problems, string heading = "Configuration error:")
    {
        ArgumentNullException.ThrowIfNull(problems);
        Console.Error.WriteLine(heading);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  - {problem}");
        }

        Console.Error.WriteLine("Settings come from appsettings.json, environment variables (Section__Name) and --Section:Name=value.");
        return ExitCode;
    }

    /// <summary>
    /// What a start-up exception says about the settings: validation failures (several sections at once), or a value
    /// that cannot be converted. Empty when the exception is not about the settings.
    /// </summary>
    public static IReadOnlyList<string> ProblemsIn(Exception ex) => ex switch
    {
        OptionsValidationException validation =>
            [.. validation.Failures.Select(f => $"[{validation.OptionsType.Name.Replace("Options", string.Empty, StringComparison.Ordinal)}] {f}")],
        InvalidOperationException { Source: "Microsoft.Extensions.Configuration.Binder" } => [ex.Message],
        AggregateException aggregate when aggregate.InnerExceptions.All(inner => ProblemsIn(inner).Count > 0) =>
            [.. aggregate.InnerExceptions.SelectMany(ProblemsIn)],
        _ => [],
    };
}
