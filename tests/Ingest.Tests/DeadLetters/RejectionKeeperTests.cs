using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.DeadLetters;

/// <summary>A refused message is counted, logged, kept, and only then settled: never acknowledged and lost.</summary>
public sealed class RejectionKeeperTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly TestMeterFactory _meters = new();
    private readonly FakeLogger<RejectionLog> _log = new();
    private readonly IngestStatistics _statistics;
    private readonly IngestNotifications _notifications = new();
    private readonly DeadLetterStore _store;
    private readonly RejectionKeeper _keeper;

    public RejectionKeeperTests()
    {
        var time = new FakeTimeProvider();
        _statistics = new IngestStatistics(_meters, time);
        _store = new DeadLetterStore(_folder.File("dead-letters.db"), 100);
        var rejectionLog = new RejectionLog(_log, time, Options.Create(new DeadLetterOptions()));
        _keeper = new RejectionKeeper(_store, rejectionLog, _statistics, _notifications, NullLogger<RejectionKeeper>.Instance);
    }

    [Fact]
    public async Task A_refused_message_is_kept_counted_and_then_settled_as_refused()
    {
        var refusedSeen = new List<InterpretedMessage>();
        _notifications.Refused += refusedSeen.Add;
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.TelemetryTopic, "[]"));

        _keeper.Refuse(message, message.Rejection!);

        Assert.True(message.Inbound.Completion.IsCompletedSuccessfully);
        Assert.Equal(message.Rejection, (await message.Inbound.Completion).Rejection);
        Assert.Equal(1, _store.Count());
        Assert.Equal(1, _statistics.Rejected);
        Assert.Single(refusedSeen);
    }

    [Fact]
    public void The_log_names_the_device_from_the_topic()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.TelemetryTopic, "[]", clientId: "some-client"));

        _keeper.Refuse(message, message.Rejection!);

        Assert.Equal("park-alun-kapuas/env-node-01", _log.LatestRecord.GetStructuredStateValue("Source"));
    }

    [Fact]
    public void A_message_on_a_malformed_topic_is_logged_under_its_client_id()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message("pontive/v1/Bad Site/x/telemetry", "{}", clientId: "esp32-7f3a"));

        _keeper.Refuse(message, message.Rejection!);

        Assert.Equal("esp32-7f3a", _log.LatestRecord.GetStructuredStateValue("Source"));
    }

    [Fact]
    public void A_message_that_cannot_be_kept_stays_unsettled_so_the_sender_offers_it_again()
    {
        using (var other = new SqliteConnection($"Data Source={_store.FilePath};Pooling=False"))
        {
            other.Open();
            using var drop = other.CreateCommand();
            drop.CommandText = "DROP TABLE dead_letter;";
            drop.ExecuteNonQuery();
        }

        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.TelemetryTopic, "[]"));

        _keeper.Refuse(message, message.Rejection!);

        Assert.False(message.Inbound.Completion.IsCompleted);
    }

    public void Dispose()
    {
        _store.Dispose();
        _statistics.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }
}
