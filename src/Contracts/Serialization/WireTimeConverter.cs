using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pontive.Iot.Contracts.Serialization;

/// <summary>Reads and writes <see cref="DateTimeOffset"/> in the contract's one time format, refusing any other.</summary>
public sealed class WireTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a time as a string like {WireTime.Example}");
        }

        Span<char> buffer = stackalloc char[64];
        var length = reader.ValueIsEscaped || reader.HasValueSequence ? -1 : reader.CopyString(buffer);
        var text = length >= 0 ? buffer[..length] : (reader.GetString() ?? string.Empty).AsSpan();
        if (!WireTime.TryParse(text, out var time))
        {
            throw new JsonException($"'{text.ToString()}' is not an RFC 3339 UTC time with milliseconds like {WireTime.Example}");
        }

        return time;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireTime.Write(value));
}
