using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Tests.Storage;

/// <summary>
/// Which InfluxDB answers hold messages back until InfluxDB takes them (retry), and which make them dead letters
/// (permanent). Getting one wrong either loses data to the dead letters or blocks the pipeline forever.
/// </summary>
public sealed class WriteErrorClassifierTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    [InlineData(422)]
    public void Answers_that_refuse_the_data_or_the_credentials_are_permanent(int status)
    {
        var error = WriteErrorClassifier.FromStatus(status, "refused", null);

        Assert.False(error.IsRetryable);
        Assert.Equal(status, error.StatusCode);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void Answers_that_say_try_later_are_retryable(int status)
    {
        Assert.True(WriteErrorClassifier.FromStatus(status, null, null).IsRetryable);
    }

    [Fact]
    public void The_wait_InfluxDB_asked_for_is_kept()
    {
        var error = WriteErrorClassifier.FromStatus(429, "too many requests", TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public void The_message_names_the_status_and_InfluxDBs_own_words_on_one_line()
    {
        var error = WriteErrorClassifier.FromStatus(400, "{\"error\":\"partial write:\nfield type conflict\"}", null);

        Assert.Equal("InfluxDB answered 400: {\"error\":\"partial write: field type conflict\"}", error.Message);
    }

    [Fact]
    public void A_long_answer_is_shortened_so_logs_and_dead_letters_stay_readable()
    {
        var error = WriteErrorClassifier.FromStatus(400, new string('x', 5000), null);

        Assert.True(error.Message.Length < 400, $"message of {error.Message.Length} characters");
        Assert.EndsWith("…", error.Message, StringComparison.Ordinal);
    }
}
