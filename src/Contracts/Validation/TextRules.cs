using System.Text.RegularExpressions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>Checks shared by the payload rules: short printable text, ULIDs, member numbers.</summary>
internal static partial class TextRules
{
    public static void CheckText(ProblemList problems, string path, string? value, int maxLength = WireLimits.MaxTextLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(RejectionCode.InvalidValue, $"{path} is empty");
        }
        else if (value.Length > maxLength)
        {
            problems.Add(RejectionCode.InvalidValue, $"{path} is longer than {maxLength} characters");
        }
        else if (value.Any(char.IsControl))
        {
            problems.Add(RejectionCode.InvalidValue, $"{path} contains control characters");
        }
    }

    public static void CheckUlid(ProblemList problems, string path, string? value)
    {
        if (value is null || !Ulid().IsMatch(value))
        {
            problems.Add(RejectionCode.InvalidValue,
                $"{path} '{Identifier.Truncate(value ?? string.Empty)}' is not a ULID (26 characters of Crockford base 32, upper case)");
        }
    }

    public static void CheckMember(ProblemList problems, string path, string? value)
    {
        if (value is null || !Member().IsMatch(value))
        {
            problems.Add(RejectionCode.InvalidValue,
                $"{path} '{Identifier.Truncate(value ?? string.Empty)}' is not a member number (letters, digits, '-', '_', '/', '.'; at most 32)");
        }
    }

    public static void CheckIdentifier(ProblemList problems, string path, string? value)
    {
        var problem = Identifier.Explain(value, path);
        if (problem is not null)
        {
            problems.Add(RejectionCode.InvalidValue, problem);
        }
    }

    public static void CheckClock(ProblemList problems, string path, string? clock)
    {
        if (clock is not null && !ClockState.IsKnown(clock))
        {
            problems.Add(RejectionCode.InvalidValue, $"{path} '{Identifier.Truncate(clock)}' must be 'synced' or 'unsynced'");
        }
    }

    public static void CheckNotNegative(ProblemList problems, string path, long? value)
    {
        if (value < 0)
        {
            problems.Add(RejectionCode.OutOfRange, FormattableString.Invariant($"{path} is {value}; it cannot be negative"));
        }
    }

    // '\z', not '$': '$' also matches before a final "\n", which would let "…V0\n" pass as an id.
    [GeneratedRegex("^[0-7][0-9A-HJKMNP-TV-Z]{25}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ulid();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Member();
}
