using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>Turns System.Text.Json's exceptions into reasons a device maker can act on.</summary>
internal static partial class JsonErrors
{
    public static Rejection Explain(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        var message = ex.Message;

        var missing = MissingRequired().Match(message);
        if (missing.Success)
        {
            return Rejection.Of(RejectionCode.MissingField, $"{path}: missing required field(s) {missing.Groups["names"].Value}");
        }

        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            var expected = Describe(ex.InnerException?.Message ?? string.Empty) ?? Describe(conversion.Groups["type"].Value) ?? "another type";
            return Rejection.Of(RejectionCode.WrongType, $"{path}: wrong type, expected {expected}");
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("doesn't allow", StringComparison.Ordinal))
        {
            return Rejection.Of(RejectionCode.WrongType, $"{path}: must not be null");
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return Rejection.Of(RejectionCode.InvalidJson, $"{path}: a field appears twice");
        }

        // Our own converters (times) throw with a sentence meant for people: keep it.
        return Rejection.Of(RejectionCode.InvalidValue, $"{path}: {WithoutPosition(message)}");
    }

    /// <summary>Drops the "Path: … | LineNumber: … | BytePositionInLine: …" tail; the path is reported on its own.</summary>
    public static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ', '|');
    }

    /// <summary>
    /// Names the JSON type a field wanted. The outer message names the enclosing .NET type, the inner one
    /// (when there is one) the primitive that failed, so both are asked, the inner first.
    /// </summary>
    private static string? Describe(string text) => text switch
    {
        _ when text.Contains("Int64", StringComparison.Ordinal) || text.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when text.Contains("Double", StringComparison.Ordinal) || text.Contains("Decimal", StringComparison.Ordinal) => "a finite number",
        _ when text.Contains("as a number", StringComparison.Ordinal) => "a number",
        _ when text.Contains("as a string", StringComparison.Ordinal) || text.EndsWith("System.String", StringComparison.Ordinal) => "a string",
        _ when text.Contains("Dictionary", StringComparison.Ordinal) => "an object of named numbers",
        _ when text.Contains("List", StringComparison.Ordinal) => "an array",
        _ when text.StartsWith("Pontive.", StringComparison.Ordinal) => "an object",
        _ => null,
    };

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?(\\s|$)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("could not be converted to (?<type>[^\\s.]+(\\.[^\\s.]+)*)")]
    private static partial Regex ConversionTarget();
}
