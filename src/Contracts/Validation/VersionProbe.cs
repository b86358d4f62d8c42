using System.Text.Json;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>
/// Reads only the top-level <c>"v"</c> before anything else, so a payload of another contract version is
/// refused as such, not as a pile of type errors, and malformed JSON is refused before it is bound.
/// </summary>
internal static class VersionProbe
{
    public static Rejection? Check(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = WireLimits.MaxJsonDepth });
        int? version = null;
        var versionProblem = (Rejection?)null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Rejection.Of(RejectionCode.InvalidJson, "the payload must be a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isVersion = reader.ValueTextEquals("v"u8);
                reader.Read();
                if (isVersion && version is null && versionProblem is null)
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v))
                    {
                        version = v;
                    }
                    else
                    {
                        versionProblem = Rejection.Of(RejectionCode.WrongType, "$.v: the version must be the number 1");
                    }
                }

                reader.Skip();
            }

            // Reading on to the end checks the whole document is well-formed JSON with nothing after it.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            return Rejection.Of(RejectionCode.InvalidJson, $"not valid JSON: {JsonErrors.WithoutPosition(ex.Message)}");
        }

        if (versionProblem is not null)
        {
            return versionProblem;
        }

        if (version is null)
        {
            return Rejection.Of(RejectionCode.MissingField, "$.v: the version field is missing (it must be 1)");
        }

        return version == WireLimits.Version
            ? null
            : Rejection.Of(RejectionCode.UnsupportedVersion, $"$.v: version {version} is not supported; this side speaks v{WireLimits.Version}");
    }
}
