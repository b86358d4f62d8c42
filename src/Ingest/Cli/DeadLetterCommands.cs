using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>
/// <c>pontive-ingest dead-letters list [--limit N] [--code C] [--state pending|replayed] [--json]</c>, reading the same
/// store the service writes; <c>pontive-ingest dead-letters replay [--code C] [--id N …] [--since T] [--dry-run]</c>,
/// asking the running service to send them through its pipeline again (see <see cref="DeadLetterReplayer"/> for why the
/// service does it). Replay exit codes: 0 every one stored (or a dry run), 1 some refused again or Ingest failed,
/// 2 a request Ingest refused (a code that cannot be replayed, a bad time).
/// </summary>
internal static class DeadLetterCommands
{
    private static readonly JsonSerializerOptions Web = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Build() => new("dead-letters", "Messages Ingest refused, kept with the reason") { BuildList(), BuildReplay() };

    private static Command BuildList()
    {
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 20 };
        var code = new Option<string?>("--code") { Description = "Only this rejection code, e.g. invalid_json" };
        var state = new Option<string?>("--state") { Description = "pending: not stored by a replay yet; replayed: stored by a replay" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var list = new Command("list", "Show the newest refused messages, why they were refused and what replays made of them") { limit, code, state, json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parse =>
        {
            var replayState = parse.GetValue(state) switch
            {
                null or "any" => ReplayState.Any,
                "pending" => ReplayState.NotStoredByReplay,
                "replayed" => ReplayState.StoredByReplay,
                _ => (ReplayState?)null,
            };
            if (replayState is null)
            {
                Console.Error.WriteLine($"--state must be pending or replayed, not '{parse.GetValue(state)}'.");
                return 2;
            }

            var configuration = new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .AddCommandLine([.. parse.UnmatchedTokens])
                .Build();
            var ingest = configuration.GetSection(IngestOptions.Section).Get<IngestOptions>() ?? new IngestOptions();
            var options = configuration.GetSection(DeadLetterOptions.Section).Get<DeadLetterOptions>() ?? new DeadLetterOptions();
            var path = DeadLetterStore.ResolvePath(options.Path, ingest.DataDirectory);
            if (!File.Exists(path))
            {
                Console.WriteLine($"No dead letters: {Path.GetFullPath(path)} does not exist yet.");
                return 0;
            }

            using var store = new DeadLetterStore(path, options.MaxKept);
            var letters = store.List(Math.Max(1, parse.GetValue(limit)), new DeadLetterQuery { Code = parse.GetValue(code), State = replayState.Value });
            Print(letters, parse.GetValue(json));
            return 0;
        });
        return list;
    }

    private static Command BuildReplay()
    {
        var code = new Option<string?>("--code") { Description = "Only this rejection code (default storage_refused: InfluxDB refused the write for good)" };
        var ids = new Option<long[]>("--id") { Description = "Only these dead letters (their #numbers in the list)", AllowMultipleArgumentsPerToken = true };
        var since = new Option<string?>("--since") { Description = "Only those received from this time on, e.g. 2026-11-28T03:00:00Z (UTC unless an offset is given)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be replayed" };
        var force = new Option<bool>("--force") { Description = "Also codes that are the message's own fault (they are usually refused again)" };
        var token = new Option<string?>("--token")
        {
            Description = "An admin token (HttpAccess); by default the PONTIVE_TOKEN environment variable",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PONTIVE_TOKEN"),
        };
        var url = new Option<string>("--url") { Description = "The running Ingest's HTTP address", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var replay = new Command("replay", "Send kept dead letters through the running Ingest again, once the cause of their refusal is fixed")
        {
            code, ids, since, dryRun, force, url, token,
        };
        replay.SetAction(async (parse, ct) =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } sinceText)
            {
                if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"--since must be a time such as 2026-11-28T03:00:00Z, not '{sinceText}'.").ConfigureAwait(false);
                    return 2;
                }

                from = parsed;
            }

            var request = new ReplayRequest
            {
                Code = parse.GetValue(code),
                Ids = parse.GetValue(ids) ?? [],
                Since = from,
                DryRun = parse.GetValue(dryRun),
                Force = parse.GetValue(force),
            };
            return await ReplayAsync(parse.GetValue(url)!, parse.GetValue(token), request, ct).ConfigureAwait(false);
        });
        return replay;
    }

    private static async Task<int> ReplayAsync(string url, string? token, ReplayRequest request, CancellationToken cancellationToken)
    {
        // A replay answers when every dead letter is written or refused again: while InfluxDB is slow that takes as long as it takes.
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri("dead-letters/replay", UriKind.Relative), request, Web, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Ingest is not reachable at {url} ({ex.Message}); the replay runs in the service, so it must be running.").ConfigureAwait(false);
            return 1;
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = ErrorIn(answer);
                await Console.Error.WriteLineAsync($"Ingest refused the replay ({(int)response.StatusCode}): {error}").ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.BadRequest ? 2 : 1;
            }

            var report = JsonSerializer.Deserialize<ReplayAnswer>(answer, Web)!;
            foreach (var letter in report.Letters)
            {
                Console.WriteLine(letter.Outcome switch
                {
                    "stored" => $"#{letter.Id} {letter.Topic}: stored",
                    "refused" => $"#{letter.Id} {letter.Topic}: refused again, still a dead letter [{letter.Code}] {letter.Reason}",
                    "would_replay" => $"#{letter.Id} {letter.Topic}: would be replayed [{letter.Code}] {letter.Reason}",
                    _ => $"#{letter.Id} {letter.Topic}: skipped, {letter.Reason}",
                });
            }

            var skipped = report.Letters.Count(l => l.Outcome == ReplayedLetter.SkippedOutcome);
            Console.WriteLine(report.DryRun
                ? $"Dry run: {report.Letters.Count(l => l.Outcome == ReplayedLetter.WouldReplay)} dead letter(s) would be replayed, {skipped} skipped; nothing was sent."
                : $"Replayed: {report.Letters.Count(l => l.Outcome == "stored")} stored, {report.Letters.Count(l => l.Outcome == "refused")} refused again (still dead letters, with the new reason), {skipped} skipped.");
            return report.Letters.Any(l => l.Outcome == "refused") ? 1 : 0;
        }
    }

    private static string ErrorIn(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return json.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? answer : answer;
        }
        catch (JsonException)
        {
            return answer;
        }
    }

    private static void Print(IReadOnlyList<DeadLetter> letters, bool asJson)
    {
        foreach (var letter in letters)
        {
            var view = DeadLetterView.From(letter);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(view, Web));
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"#{view.Id} {view.ReceivedAt:yyyy-MM-dd HH:mm:ss}Z {view.Topic} [{view.Code}] {view.Reason}"));
            var preview = view.Payload.Length <= 200 ? view.Payload : view.Payload[..200] + "…";
            Console.WriteLine($"    {view.PayloadBytes} bytes ({view.PayloadEncoding}): {preview}");
            if (letter.LastReplay is { } replay)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    replayed {replay.Count}x, last at {replay.At:yyyy-MM-dd HH:mm:ss}Z: {replay.Outcome.WireName()}"));
            }
        }

        if (letters.Count == 0)
        {
            Console.WriteLine("No dead letters.");
        }
    }

    /// <summary>The service's answer to a replay, as the command reads it.</summary>
    private sealed record ReplayAnswer(bool DryRun, IReadOnlyList<ReplayedLetter> Letters);
}
