using Microsoft.AspNetCore.Http;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>An error the operator reads on the kiosk: in Bahasa Indonesia first, and in English.</summary>
internal static class KioskProblem
{
    public static IResult Of(int status, string indonesian, string english, object? extra = null) =>
        Results.Json(extra is null
            ? new Dictionary<string, object?> { ["error_id"] = indonesian, ["error_en"] = english }
            : new Dictionary<string, object?> { ["error_id"] = indonesian, ["error_en"] = english, ["details"] = extra }, statusCode: status);
}
