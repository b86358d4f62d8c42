using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Cli;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.DeadLetters;

/// <summary>
/// The command-line side of replays: the list says what replays made of each dead letter, and <c>dead-letters replay</c>
/// says plainly when it cannot ask the service. (The replay itself runs in the service: see the integration tests.)
/// </summary>
[Collection(ConsoleOutput.Collection)]
public sealed class DeadLetterReplayCommandTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 11, 28, 3, 15, 1, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();
    private readonly string _path;

    public DeadLetterReplayCommandTests()
    {
        _path = _folder.File("dead-letters.db");
        using var store = new DeadLetterStore(_path, 100);
        store.Keep(new InboundMessage(WirePayloads.DepositTopic, WirePayloads.Utf8("{}"), Received, "scale-01"),
            Rejection.Of(RejectionCode.StorageRefused, "InfluxDB answered 403: forbidden"));
        store.Keep(new InboundMessage(WirePayloads.DepositTopic, WirePayloads.Utf8("{}"), Received.AddSeconds(1), "scale-01"),
            Rejection.Of(RejectionCode.StorageRefused, "InfluxDB answered 403: forbidden"));
        store.MarkReplayed(1, new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), ReplayOutcome.Stored);
    }

    [Fact]
    public async Task The_list_says_when_a_dead_letter_was_replayed_and_how_it_ended()
    {
        var (exitCode, output, _) = await RunAsync("dead-letters", "list", $"--DeadLetters:Path={_path}");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "#2 2026-11-28 03:15:02Z pontive/v1/bank-sungai-jawi/scale-01/deposit [storage_refused] InfluxDB answered 403: forbidden",
                "2 bytes (utf-8): {}",
                "#1 2026-11-28 03:15:01Z pontive/v1/bank-sungai-jawi/scale-01/deposit [storage_refused] InfluxDB answered 403: forbidden",
                "2 bytes (utf-8): {}",
                "replayed 1x, last at 2026-11-29 01:00:00Z: stored",
            ],
            lines);
    }

    [Fact]
    public async Task The_list_shows_only_what_still_waits_with_state_pending()
    {
        var (_, output, _) = await RunAsync("dead-letters", "list", "--state", "pending", $"--DeadLetters:Path={_path}");

        Assert.Contains("#2 ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("#1 ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_with_a_time_it_cannot_read_is_refused_before_asking_the_service()
    {
        var (exitCode, _, error) = await RunAsync("dead-letters", "replay", "--since", "yesterday-ish");

        Assert.Equal(2, exitCode);
        Assert.Contains("--since must be a time such as 2026-11-28T03:00:00Z, not 'yesterday-ish'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_without_a_running_service_says_so()
    {
        var (exitCode, _, error) = await RunAsync("dead-letters", "replay", "--url", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, exitCode);
        Assert.Contains("the replay runs in the service, so it must be running", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var console = new ConsoleCapture();
        var exitCode = await IngestCommandLine.Build().Parse(args).InvokeAsync();
        return (exitCode, console.Out, console.Error);
    }
}
