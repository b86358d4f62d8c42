using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.DeadLetters;

/// <summary>Refused messages kept in SQLite so a technician can see what a device sent and why it was refused.</summary>
public sealed class DeadLetterStoreTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 11, 28, 3, 15, 1, 250, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void A_dead_letter_keeps_topic_sender_code_reason_time_and_payload()
    {
        using var store = Open();

        store.Keep(
            new InboundMessage("pontive/v1/bank-sungai-jawi/scale-01/deposit", WirePayloads.Utf8("{\"v\":1}"), Received, "scale-01-client"),
            Rejection.Of(RejectionCode.MissingField, "$.id is missing"));

        var letter = Assert.Single(store.List(10));
        Assert.Equal("pontive/v1/bank-sungai-jawi/scale-01/deposit", letter.Topic);
        Assert.Equal("scale-01-client", letter.ClientId);
        Assert.Equal("missing_field", letter.Code);
        Assert.Equal("$.id is missing", letter.Reason);
        Assert.Equal(Received, letter.ReceivedAt);
        Assert.Equal("{\"v\":1}"u8.ToArray(), letter.Payload);
        Assert.Equal(7, letter.PayloadBytes);
    }

    [Fact]
    public void A_sender_without_a_client_id_is_kept_with_none()
    {
        using var store = Open();

        store.Keep(new InboundMessage("pontive/v1/a/b/telemetry", WirePayloads.Utf8("x"), Received, clientId: null), Rejection.Of(RejectionCode.InvalidJson, "bad"));

        Assert.Null(Assert.Single(store.List(10)).ClientId);
    }

    [Fact]
    public void A_binary_payload_is_kept_byte_for_byte()
    {
        using var store = Open();
        byte[] payload = [0xFF, 0x00, 0xC3, 0x28, 0x7B];

        store.Keep(new InboundMessage("pontive/v1/a/b/telemetry", payload, Received), Rejection.Of(RejectionCode.InvalidUtf8, "not UTF-8"));

        Assert.Equal(payload, Assert.Single(store.List(10)).Payload);
    }

    [Fact]
    public void The_newest_come_first_and_the_limit_is_respected()
    {
        using var store = Open();
        for (var i = 1; i <= 5; i++)
        {
            Keep(store, $"reason {i}", RejectionCode.InvalidJson);
        }

        Assert.Equal(["reason 5", "reason 4", "reason 3"], store.List(3).Select(l => l.Reason));
    }

    [Fact]
    public void Listing_by_code_shows_only_that_code()
    {
        using var store = Open();
        Keep(store, "a", RejectionCode.InvalidJson);
        Keep(store, "b", RejectionCode.OutOfRange);
        Keep(store, "c", RejectionCode.InvalidJson);
        Keep(store, "d", RejectionCode.StorageRefused);

        Assert.Equal(["c", "a"], store.List(10, "invalid_json").Select(l => l.Reason));
        Assert.Equal(["d"], store.List(10, "storage_refused").Select(l => l.Reason));
        Assert.Empty(store.List(10, "too_large"));
        Assert.Equal(4, store.List(10).Count);
    }

    [Fact]
    public void Past_the_cap_the_oldest_are_dropped()
    {
        using var store = Open(maxKept: 3);
        for (var i = 1; i <= 7; i++)
        {
            Keep(store, $"reason {i}", RejectionCode.InvalidJson);
        }

        Assert.Equal(3, store.Count());
        Assert.Equal(["reason 7", "reason 6", "reason 5"], store.List(10).Select(l => l.Reason));
    }

    [Fact]
    public void A_payload_over_64_KiB_is_kept_truncated_with_its_real_size()
    {
        using var store = Open();
        var payload = new byte[200_000];
        Random.Shared.NextBytes(payload);

        store.Keep(new InboundMessage("pontive/v1/a/b/telemetry", payload, Received), Rejection.Of(RejectionCode.TooLarge, "too large"));

        var letter = Assert.Single(store.List(10));
        Assert.Equal(200_000, letter.PayloadBytes);
        Assert.Equal(64 * 1024, letter.Payload.Length);
        Assert.Equal(payload.AsSpan(0, 64 * 1024).ToArray(), letter.Payload);
    }

    [Fact]
    public void Dead_letters_survive_closing_and_reopening_the_file()
    {
        using (var store = Open())
        {
            Keep(store, "kept before a restart", RejectionCode.OutOfRange);
        }

        using var reopened = Open();
        Keep(reopened, "kept after", RejectionCode.InvalidJson);

        Assert.Equal(["kept after", "kept before a restart"], reopened.List(10).Select(l => l.Reason));
    }

    [Fact]
    public void The_cap_still_holds_after_reopening()
    {
        using (var store = Open(maxKept: 2))
        {
            Keep(store, "1", RejectionCode.InvalidJson);
            Keep(store, "2", RejectionCode.InvalidJson);
        }

        using var reopened = Open(maxKept: 2);
        Keep(reopened, "3", RejectionCode.InvalidJson);

        Assert.Equal(["3", "2"], reopened.List(10).Select(l => l.Reason));
    }

    [Fact]
    public void The_store_creates_its_folder()
    {
        var path = Path.Combine(_folder.Path, "data", "nested", "dead-letters.db");

        using var store = new DeadLetterStore(path, 10);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.FilePath);
    }

    [Fact]
    public void A_relative_path_is_under_the_data_directory_and_an_absolute_one_is_kept()
    {
        Assert.Equal(Path.Combine("/var/lib/pontive", "dead-letters.db"), DeadLetterStore.ResolvePath("dead-letters.db", "/var/lib/pontive"));
        Assert.Equal("/srv/dl.db", DeadLetterStore.ResolvePath("/srv/dl.db", "/var/lib/pontive"));
    }

    [Fact]
    public void A_text_payload_reads_as_text_and_a_binary_one_as_base64()
    {
        using var store = Open();
        store.Keep(new InboundMessage("pontive/v1/a/b/telemetry", WirePayloads.Utf8("{\"v\":1,\"x\":\"é\"}"), Received), Rejection.Of(RejectionCode.InvalidJson, "text"));
        store.Keep(new InboundMessage("pontive/v1/a/b/telemetry", new byte[] { 0xFF, 0xFE }, Received), Rejection.Of(RejectionCode.InvalidUtf8, "binary"));

        var views = store.List(10).Select(DeadLetterView.From).ToList();

        Assert.Equal(("base64", "//4="), (views[0].PayloadEncoding, views[0].Payload));
        Assert.Equal(("utf-8", "{\"v\":1,\"x\":\"é\"}"), (views[1].PayloadEncoding, views[1].Payload));
    }

    public void Dispose() => _folder.Dispose();

    private DeadLetterStore Open(int maxKept = 1000) => new(_folder.File("dead-letters.db"), maxKept);

    private static void Keep(DeadLetterStore store, string reason, RejectionCode code) =>
        store.Keep(new InboundMessage("pontive/v1/a/b/telemetry", WirePayloads.Utf8("{}"), Received), Rejection.Of(code, reason));
}
