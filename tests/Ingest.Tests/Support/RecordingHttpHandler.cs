using System.Net;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>An InfluxDB HTTP API stand-in: records each request (with its body) and answers as the test scripts.</summary>
public sealed class RecordingHttpHandler : HttpMessageHandler
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();

    /// <summary>Builds the answer to each request; by default 204 No Content, as InfluxDB answers a good write.</summary>
    public Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> Answer { get; set; } =
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public static HttpResponseMessage Respond(HttpStatusCode status, string? json = null)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        return await Answer(recorded, cancellationToken).ConfigureAwait(false);
    }

    public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body)
    {
        public string Path => Uri.AbsolutePath;
    }
}
