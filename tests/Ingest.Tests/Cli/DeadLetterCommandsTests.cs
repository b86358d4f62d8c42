using System.Text.Json;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Cli;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Cli;

/// <summary><c>pontive-ingest dead-letters list</c>: what a technician runs on the server to see refused messages.</summary>
[Collection(ConsoleOutput.Collection)]
public sealed class DeadLetterCommandsTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 11, 28, 3, 15, 1, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();
    private readonly string _path;

    public DeadLetterCommandsTests()
    {
        _path = _folder.File("dead-letters.db");
        using var store = new DeadLetterStore(_path, 100);
        store.Keep(new InboundMessage("pontive/v1/park-alun-kapuas/env-node-01/telemetry", WirePayloads.Utf8("{\"v\":1,\"seq\":"), Received, "env-node-01"),
            Rejection.Of(RejectionCode.InvalidJson, "the JSON ends too early"));
        store.Keep(new InboundMessage(WirePayloads.DepositTopic, new byte[] { 0xFF, 0xFE }, Received.AddSeconds(1), "scale-01"),
            Rejection.Of(RejectionCode.InvalidUtf8, "the payload is not valid UTF-8"));
    }

    [Fact]
    public async Task The_list_shows_the_newest_first_with_topic_code_reason_and_payload()
    {
        var (exitCode, output) = await RunAsync("dead-letters", "list", $"--DeadLetters:Path={_path}");

        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "#2 2026-11-28 03:15:02Z pontive/v1/bank-sungai-jawi/scale-01/deposit [invalid_utf8] the payload is not valid UTF-8",
                "2 bytes (base64): //4=",
                "#1 2026-11-28 03:15:01Z pontive/v1/park-alun-kapuas/env-node-01/telemetry [invalid_json] the JSON ends too early",
                "13 bytes (utf-8): {\"v\":1,\"seq\":",
            ],
            lines);
    }

    [Fact]
    public async Task The_list_can_be_limited_to_one_code()
    {
        var (_, output) = await RunAsync("dead-letters", "list", "--code", "invalid_json", $"--DeadLetters:Path={_path}");

        Assert.Contains("[invalid_json]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[invalid_utf8]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_each_dead_letter_is_one_json_object_per_line()
    {
        var (_, output) = await RunAsync("dead-letters", "list", "--json", "--limit", "1", $"--DeadLetters:Path={_path}");

        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("invalid_utf8", json.RootElement.GetProperty("code").GetString());
        Assert.Equal("scale-01", json.RootElement.GetProperty("client_id").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("payload_bytes").GetInt32());
        Assert.Equal("base64", json.RootElement.GetProperty("payload_encoding").GetString());
    }

    [Fact]
    public async Task A_store_that_does_not_exist_yet_is_reported_and_not_created()
    {
        var missing = _folder.File("nothing-yet.db");

        var (exitCode, output) = await RunAsync("dead-letters", "list", $"--DeadLetters:Path={missing}");

        Assert.Equal(0, exitCode);
        Assert.Contains("No dead letters", output, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    public void Dispose() => _folder.Dispose();

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var console = new ConsoleCapture();
        var exitCode = await IngestCommandLine.Build().Parse(args).InvokeAsync();
        return (exitCode, console.Out);
    }
}
