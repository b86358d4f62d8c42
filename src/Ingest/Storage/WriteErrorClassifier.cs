namespace Pontive.Iot.Ingest.Storage;

/// <summary>
/// Which HTTP answers mean "try again" and which mean "this data will never be accepted". Retryable: 429,
/// 5xx, 408, and 404 (a database or bucket that is being created). Permanent: 400 (bad line protocol,
/// field type conflict), 401, 403, 413, 422. Network failures are retryable and never get here.
/// </summary>
public static class WriteErrorClassifier
{
    public static bool IsRetryable(int statusCode) => statusCode switch
    {
        400 or 401 or 403 or 413 or 422 => false,
        _ => true,
    };

    public static InfluxWriteException FromStatus(int statusCode, string? body, TimeSpan? retryAfter)
    {
        var detail = string.IsNullOrWhiteSpace(body) ? string.Empty : $": {Shorten(body)}";
        return new InfluxWriteException($"InfluxDB answered {statusCode}{detail}", IsRetryable(statusCode), statusCode, retryAfter);
    }

    private static string Shorten(string body)
    {
        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 300 ? oneLine : string.Concat(oneLine.AsSpan(0, 300), "…");
    }
}
