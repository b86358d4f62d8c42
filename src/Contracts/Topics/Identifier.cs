using System.Text.RegularExpressions;

namespace Pontive.Iot.Contracts.Topics;

/// <summary>
/// The rule for site and device ids (and deposit categories, which become tags too):
/// lower-case letters, digits and '-', starting with a letter or digit, at most 32 characters.
/// </summary>
public static partial class Identifier
{
    public const int MaxLength = 32;

    public const string Rule = "^[a-z0-9][a-z0-9-]{0,31}$";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Why <paramref name="value"/> is not an id, or null when it is one.</summary>
    public static string? Explain(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{what} is empty";
        }

        if (IsValid(value))
        {
            return null;
        }

        return value.Length > MaxLength
            ? $"{what} '{Truncate(value)}' is longer than {MaxLength} characters"
            : $"{what} '{value}' must be lower-case letters, digits and '-', starting with a letter or digit";
    }

    internal static string Truncate(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    // The contract writes the rule with '$', which in .NET also matches before a final "\n"; '\z' does not.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
