using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;

namespace Pontive.Iot.Ingest.Tests.DeadLetters;

/// <summary>
/// A device stuck sending bad data must not flood the log: per sender and reason, one line per window in full,
/// then one summary of how many more there were.
/// </summary>
public sealed class RejectionLogTests
{
    private const string Topic = "pontive/v1/park-alun-kapuas/env-node-01/telemetry";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly Rejection BadJson = Rejection.Of(RejectionCode.InvalidJson, "the payload is not JSON");
    private static readonly Rejection OutOfRange = Rejection.Of(RejectionCode.OutOfRange, "$.samples[0].values.temperature_c is 300");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero));
    private readonly FakeLogger<RejectionLog> _logger = new();
    private readonly RejectionLog _log;

    public RejectionLogTests()
    {
        _log = new RejectionLog(_logger, _time, Options.Create(new DeadLetterOptions { LogWindow = Window }));
    }

    [Fact]
    public void The_first_rejection_is_logged_in_full_as_a_warning()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);

        var record = Assert.Single(Records());
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal(
            "Rejected a message from park-alun-kapuas/env-node-01 on 'pontive/v1/park-alun-kapuas/env-node-01/telemetry': invalid_json: the payload is not JSON",
            record.Message);
    }

    [Fact]
    public void A_sender_cannot_forge_a_log_line_nor_flood_one_with_what_it_chose_as_topic_and_client_id()
    {
        var forgedTopic = "x\nwarn: Pontive.Iot.Ingest[300] all is well";
        var hugeClientId = new string('a', 65_000);

        _log.Write(hugeClientId, forgedTopic, Rejection.Of(RejectionCode.InvalidTopic, $"the topic '{forgedTopic}' is not ours"));

        var message = Assert.Single(Records()).Message;
        Assert.DoesNotContain('\n', message);
        Assert.Contains("on 'x\\u000awarn: Pontive.Iot.Ingest[300] all is well'", message, StringComparison.Ordinal);
        Assert.Contains("(64880 more characters)", message, StringComparison.Ordinal);
        Assert.True(message.Length < 600, $"{message.Length} characters");
    }

    [Fact]
    public void Further_rejections_for_the_same_sender_and_reason_within_the_window_are_not_logged()
    {
        for (var i = 0; i < 500; i++)
        {
            _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Single(Records());
    }

    [Fact]
    public void Another_reason_or_another_sender_gets_its_own_first_line()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _log.Write("park-alun-kapuas/env-node-01", Topic, OutOfRange);
        _log.Write("park-alun-kapuas/env-node-02", Topic, BadJson);
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);

        Assert.Equal(
            ["invalid_json", "out_of_range", "invalid_json"],
            Records().Select(r => r.GetStructuredStateValue("Code")));
        Assert.Equal(
            ["park-alun-kapuas/env-node-01", "park-alun-kapuas/env-node-01", "park-alun-kapuas/env-node-02"],
            Records().Select(r => r.GetStructuredStateValue("Source")));
    }

    [Fact]
    public void A_sender_that_went_quiet_still_gets_its_summary_when_any_later_rejection_is_logged()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);

        // node-01 stops; much later another device is rejected.
        _time.Advance(Window * 3);
        _log.Write("park-alun-kapuas/env-node-02", Topic, OutOfRange);

        Assert.Equal(
            [
                "Rejected a message from park-alun-kapuas/env-node-01 on 'pontive/v1/park-alun-kapuas/env-node-01/telemetry': invalid_json: the payload is not JSON",
                "2 more messages from park-alun-kapuas/env-node-01 were rejected for invalid_json in the last 00:01:00; they are kept as dead letters",
                "Rejected a message from park-alun-kapuas/env-node-02 on 'pontive/v1/park-alun-kapuas/env-node-01/telemetry': out_of_range: $.samples[0].values.temperature_c is 300",
            ],
            Records().Select(r => r.Message));
    }

    [Fact]
    public void When_the_next_window_opens_the_suppressed_ones_are_summarised_in_one_line_before_the_new_rejection()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        for (var i = 0; i < 41; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        }

        _time.Advance(Window);
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);

        var records = Records();
        Assert.Equal(3, records.Count);
        Assert.Equal(
            "41 more messages from park-alun-kapuas/env-node-01 were rejected for invalid_json in the last 00:01:00; they are kept as dead letters",
            records[1].Message);
        Assert.Equal(LogLevel.Warning, records[1].Level);
        Assert.StartsWith("Rejected a message from park-alun-kapuas/env-node-01", records[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_window_without_suppressed_rejections_logs_no_summary()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _time.Advance(Window);
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);

        Assert.Equal(2, Records().Count);
        Assert.All(Records(), r => Assert.StartsWith("Rejected a message", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_window_is_counted_from_the_first_logged_rejection_not_the_latest()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _time.Advance(Window - TimeSpan.FromSeconds(1));
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _time.Advance(TimeSpan.FromSeconds(1));
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);

        Assert.Equal(3, Records().Count);
        Assert.StartsWith("1 more messages", Records()[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summaries_are_kept_per_sender_and_reason()
    {
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _log.Write("park-alun-kapuas/env-node-01", Topic, BadJson);
        _log.Write("park-alun-kapuas/env-node-01", Topic, OutOfRange);
        _log.Write("park-alun-kapuas/env-node-01", Topic, OutOfRange);
        _log.Write("park-alun-kapuas/env-node-01", Topic, OutOfRange);
        _time.Advance(Window);

        _log.Write("park-alun-kapuas/env-node-01", Topic, OutOfRange);

        var summary = Assert.Single(Records(), r => r.Id.Id == 301);
        Assert.Equal("2", summary.GetStructuredStateValue("Count"));
        Assert.Equal("out_of_range", summary.GetStructuredStateValue("Code"));
    }

    private IReadOnlyList<FakeLogRecord> Records() => _logger.Collector.GetSnapshot();
}
