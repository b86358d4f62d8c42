using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Storage;

/// <summary>InfluxDB 1.x's HTTP API as the V1 writer speaks it, against a recording stand-in for InfluxDB.</summary>
public sealed class InfluxV1WriterTests : IDisposable
{
    private const string DatabaseNotFound = """{"error":"database not found: \"pontive\""}""";

    private readonly RecordingHttpHandler _influx = new();
    private readonly List<HttpClient> _clients = [];

    private static readonly IReadOnlyList<PointData> TwoPoints =
    [
        PointData.Measurement("light").Tag("site", "park-alun-kapuas").Field("illuminance_lux", 812.5).Timestamp(1795835700120, WritePrecision.Ms),
        PointData.Measurement("light").Tag("site", "park-alun-kapuas").Field("illuminance_lux", 813.0).Timestamp(1795835700121, WritePrecision.Ms),
    ];

    [Fact]
    public async Task A_write_posts_the_points_as_line_protocol_one_per_line()
    {
        await Writer().WriteAsync(TwoPoints, CancellationToken.None);

        var request = Assert.Single(_influx.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/write", request.Path);
        Assert.Equal(
            "light,site=park-alun-kapuas illuminance_lux=812.5 1795835700120\nlight,site=park-alun-kapuas illuminance_lux=813 1795835700121",
            request.Body);
        Assert.Equal("text/plain", request.ContentType);
    }

    [Fact]
    public async Task The_query_names_the_database_and_millisecond_precision()
    {
        await Writer().WriteAsync(TwoPoints, CancellationToken.None);

        Assert.Equal("?db=pontive&precision=ms", Assert.Single(_influx.Requests).Uri.Query);
    }

    [Fact]
    public async Task A_retention_policy_and_a_database_name_with_spaces_are_passed_escaped()
    {
        await Writer(o =>
        {
            o.Database = "city data";
            o.RetentionPolicy = "one year";
        }).WriteAsync(TwoPoints, CancellationToken.None);

        Assert.Equal("?db=city%20data&precision=ms&rp=one%20year", Assert.Single(_influx.Requests).Uri.Query);
    }

    [Fact]
    public async Task An_InfluxDB_behind_a_path_prefix_is_written_to_under_that_prefix()
    {
        await Writer(o => o.Url = "http://127.0.0.1:8086/influx").WriteAsync(TwoPoints, CancellationToken.None);

        Assert.Equal("/influx/write", Assert.Single(_influx.Requests).Path);
    }

    [Fact]
    public async Task Without_a_user_no_credentials_are_sent()
    {
        await Writer().WriteAsync(TwoPoints, CancellationToken.None);

        Assert.Null(Assert.Single(_influx.Requests).Authorization);
    }

    [Fact]
    public async Task With_a_user_every_request_carries_basic_authentication()
    {
        await Writer(o =>
        {
            o.Username = "ingest";
            o.Password = "s3cret:pw";
        }).WriteAsync(TwoPoints, CancellationToken.None);

        var expected = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ingest:s3cret:pw")));
        Assert.Equal(expected.ToString(), Assert.Single(_influx.Requests).Authorization);
    }

    [Fact]
    public async Task Nothing_is_sent_for_an_empty_batch()
    {
        await Writer().WriteAsync([], CancellationToken.None);

        Assert.Empty(_influx.Requests);
    }

    [Fact]
    public async Task An_InfluxDB_that_answers_200_instead_of_204_has_taken_the_write()
    {
        _influx.Answer = (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

        await Writer().WriteAsync(TwoPoints, CancellationToken.None);

        Assert.Single(_influx.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"partial write: field type conflict: input field \"mass_kg\" is type integer, already exists as type float"}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"authorization failed"}""")]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"\"ingest\" user is not authorized to write to database \"pontive\""}""")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, """{"error":"Request Entity Too Large"}""")]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"error":"points beyond retention policy"}""")]
    public async Task A_refusal_of_the_data_or_the_credentials_is_permanent_and_says_why(HttpStatusCode status, string answer)
    {
        _influx.Answer = (_, _) => Task.FromResult(RecordingHttpHandler.Respond(status, answer));

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Writer().WriteAsync(TwoPoints, CancellationToken.None));

        Assert.False(error.IsRetryable);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Contains(answer, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task A_server_error_is_retryable(HttpStatusCode status)
    {
        _influx.Answer = (_, _) => Task.FromResult(RecordingHttpHandler.Respond(status, """{"error":"timeout"}"""));

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Writer().WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Equal((int)status, error.StatusCode);
    }

    [Fact]
    public async Task Too_many_requests_is_retryable_after_the_seconds_InfluxDB_asked_for()
    {
        _influx.Answer = (_, _) =>
        {
            var response = RecordingHttpHandler.Respond(HttpStatusCode.TooManyRequests, """{"error":"too many requests"}""");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return Task.FromResult(response);
        };

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Writer().WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task An_unavailable_InfluxDB_that_asks_for_a_pause_gets_it()
    {
        _influx.Answer = (_, _) =>
        {
            var response = RecordingHttpHandler.Respond(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation("Retry-After", "30");
            return Task.FromResult(response);
        };

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Writer().WriteAsync(TwoPoints, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
    }

    [Fact]
    public async Task A_refused_connection_is_retryable()
    {
        // A real socket: a loopback port nothing listens on refuses the connection at once.
        var port = FreePort.Next();
        using var http = new HttpClient();
        var writer = new InfluxV1Writer(http, Options.Create(new InfluxDbOptions { Url = $"http://127.0.0.1:{port}" }));

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => writer.WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task An_InfluxDB_that_does_not_answer_in_time_is_retryable()
    {
        _influx.Answer = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        };

        var error = await Assert.ThrowsAsync<InfluxWriteException>(
            () => Writer(o => o.Timeout = TimeSpan.FromMilliseconds(100)).WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_service_cancels_the_write_without_calling_it_a_failure()
    {
        _influx.Answer = async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        };
        using var stopping = new CancellationTokenSource();
        var write = Writer().WriteAsync(TwoPoints, stopping.Token);

        await stopping.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.IsNotType<InfluxWriteException>(error.InnerException);
    }

    [Fact]
    public async Task A_missing_database_is_created_and_the_same_points_written_again()
    {
        var writes = 0;
        _influx.Answer = (request, _) => Task.FromResult(request.Path switch
        {
            "/write" when Interlocked.Increment(ref writes) == 1 => RecordingHttpHandler.Respond(HttpStatusCode.NotFound, DatabaseNotFound),
            "/query" => RecordingHttpHandler.Respond(HttpStatusCode.OK, """{"results":[{"statement_id":0}]}"""),
            _ => new HttpResponseMessage(HttpStatusCode.NoContent),
        });

        await Writer().WriteAsync(TwoPoints, CancellationToken.None);

        Assert.Equal(["/write", "/query", "/write"], _influx.Requests.Select(r => r.Path));
        var create = _influx.Requests[1];
        Assert.Equal(HttpMethod.Post, create.Method);
        Assert.Equal("q=CREATE+DATABASE+%22pontive%22", create.Body);
        Assert.Equal(_influx.Requests[0].Body, _influx.Requests[2].Body);
        Assert.Equal(_influx.Requests[0].Uri, _influx.Requests[2].Uri);
    }

    [Fact]
    public async Task The_database_is_created_only_once_even_when_InfluxDB_still_says_it_is_missing()
    {
        _influx.Answer = (request, _) => Task.FromResult(request.Path == "/query"
            ? RecordingHttpHandler.Respond(HttpStatusCode.OK, """{"results":[{"statement_id":0}]}""")
            : RecordingHttpHandler.Respond(HttpStatusCode.NotFound, DatabaseNotFound));

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Writer().WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Equal(["/write", "/query", "/write"], _influx.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_missing_database_is_not_created_when_creation_is_turned_off()
    {
        _influx.Answer = (_, _) => Task.FromResult(RecordingHttpHandler.Respond(HttpStatusCode.NotFound, DatabaseNotFound));

        var error = await Assert.ThrowsAsync<InfluxWriteException>(
            () => Writer(o => o.CreateDatabase = false).WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal(["/write"], _influx.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task A_404_that_is_not_about_the_database_creates_nothing()
    {
        _influx.Answer = (_, _) => Task.FromResult(RecordingHttpHandler.Respond(HttpStatusCode.NotFound, "<html>404 page not found</html>"));

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => Writer().WriteAsync(TwoPoints, CancellationToken.None));

        Assert.True(error.IsRetryable);
        Assert.Equal(["/write"], _influx.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task The_database_is_created_with_the_configured_credentials()
    {
        _influx.Answer = (request, _) => Task.FromResult(request.Path == "/query"
            ? RecordingHttpHandler.Respond(HttpStatusCode.OK, """{"results":[{"statement_id":0}]}""")
            : _influx.Requests.Count == 1
                ? RecordingHttpHandler.Respond(HttpStatusCode.NotFound, DatabaseNotFound)
                : new HttpResponseMessage(HttpStatusCode.NoContent));

        await Writer(o =>
        {
            o.Username = "admin";
            o.Password = "pw";
        }).WriteAsync(TwoPoints, CancellationToken.None);

        Assert.All(_influx.Requests, r => Assert.StartsWith("Basic ", r.Authorization, StringComparison.Ordinal));
    }

    [Fact]
    public void The_destination_names_the_server_and_database_but_no_password()
    {
        var writer = Writer(o =>
        {
            o.Username = "ingest";
            o.Password = "s3cret";
        });

        Assert.Equal("InfluxDB 1.x http://127.0.0.1:8086 database 'pontive'", writer.Destination);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _influx.Dispose();
    }

    private InfluxV1Writer Writer(Action<InfluxDbOptions>? configure = null)
    {
        var options = new InfluxDbOptions();
        configure?.Invoke(options);
        var http = new HttpClient(_influx, disposeHandler: false);
        _clients.Add(http);
        return new InfluxV1Writer(http, Options.Create(options));
    }
}
