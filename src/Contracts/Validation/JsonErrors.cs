using System.Text.Json;
using System.Text.RegularExpressions;
using Pontive.Iot.Contracts.Serialization;

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
            // Name each missing field by its full path ($.samples[0].sensor), as every other reason does.
            var fields = QuotedName().Matches(missing.Groups["names"].Value).Select(m => $"{path}.{m.Groups["name"].Value}");
            return Rejection.Of(RejectionCode.MissingField, $"missing required field(s) {string.Join(", ", fields)}");
        }

        if (message.StartsWith(WireTimeConverter.NotAStringMessage, StringComparison.Ordinal))
        {
            return Rejection.Of(RejectionCode.WrongType, $"{path}: wrong type, {message}");
        }

        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            var inner = ex.InnerException?.Message ?? string.Empty;
            if (inner.Contains("token type 'Null'", StringComparison.Ordinal))
            {
                return Rejection.Of(RejectionCode.WrongType, $"{path}: must not be null");
            }

            if (inner.Contains("UTF-16", StringComparison.Ordinal))
            {
                return Rejection.Of(RejectionCode.InvalidValue, $"{path}: the text holds an escaped lone UTF-16 surrogate, which is not a character");
            }

            var expected = Describe(inner) ?? Describe(conversion.Groups["type"].Value) ?? "another type";
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
        // Collections first: their type names carry their element types (Dictionary`2[String,Double]).
        _ when text.Contains("Dictionary", StringComparison.Ordinal) => "an object of named numbers",
        _ when text.Contains("List", StringComparison.Ordinal) => "an array",
        _ when text.Contains("Int64", StringComparison.Ordinal) || text.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when text.Contains("Double", StringComparison.Ordinal) || text.Contains("Decimal", StringComparison.Ordinal) => "a finite number",
        _ when text.Contains("as a number", StringComparison.Ordinal) => "a number",
        _ when text.Contains("as a string", StringComparison.Ordinal) || text.EndsWith("System.String", StringComparison.Ordinal) => "a string",
        _ when text.StartsWith("Pontive.", StringComparison.Ordinal) => "an object",
        _ => null,
    };

    [GeneratedRegex("missing required properties including: (?<names>.+)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex QuotedName();

    [GeneratedRegex("could not be converted to (?<type>[^\\s.]+(\\.[^\\s.]+)*)")]
    private static partial Regex ConversionTarget();
}
