using System.Text.Json;
using System.Text.Json.Serialization;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Contracts.Serialization;

/// <summary>Reads and writes <see cref="DateTimeOffset"/> in the contract's one time format, refusing any other.</summary>
public sealed class WireTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The start of the reason given for a time that is not a JSON string (a number, null), a wrong type.</summary>
    internal const string NotAStringMessage = "expected a time as a string";

    // A wire time is 24 characters; anything much longer is refused without being copied.
    private const int LongestReadable = 64;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"{NotAStringMessage} like {WireTime.Example}");
        }

        // Unescaped text never has more characters than its raw bytes, so this check keeps CopyString within the buffer.
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > LongestReadable)
        {
            throw new JsonException($"a string of {rawLength} bytes is not an RFC 3339 UTC time with milliseconds like {WireTime.Example}");
        }

        Span<char> buffer = stackalloc char[LongestReadable];
        var text = buffer[..reader.CopyString(buffer)];
        if (!WireTime.TryParse(text, out var time))
        {
            throw new JsonException($"'{Identifier.Truncate(text.ToString())}' is not an RFC 3339 UTC time with milliseconds like {WireTime.Example}");
        }

        return time;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireTime.Write(value));
}
