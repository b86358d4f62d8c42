using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;

namespace Pontive.Iot.Ingest.Cli;

/// <summary><c>pontive-ingest dead-letters list [--limit N] [--code C] [--json]</c>, reading the same store the service writes.</summary>
internal static class DeadLetterCommands
{
    public static Command Build()
    {
        var limit = new Option<int>("--limit") { Description = "How many, newest first", DefaultValueFactory = _ => 20 };
        var code = new Option<string?>("--code") { Description = "Only this rejection code, e.g. invalid_json" };
        var json = new Option<bool>("--json") { Description = "One JSON object per line instead of a table" };
        var list = new Command("list", "Show the newest refused messages and why they were refused") { limit, code, json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction(parse =>
        {
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
            var letters = store.List(Math.Max(1, parse.GetValue(limit)), parse.GetValue(code));
            Print(letters, parse.GetValue(json));
            return 0;
        });
        return new Command("dead-letters", "Messages Ingest refused, kept with the reason") { list };
    }

    private static void Print(IReadOnlyList<DeadLetter> letters, bool asJson)
    {
        var web = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        foreach (var letter in letters)
        {
            var view = DeadLetterView.From(letter);
            if (asJson)
            {
                Console.WriteLine(JsonSerializer.Serialize(view, web));
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"#{view.Id} {view.ReceivedAt:yyyy-MM-dd HH:mm:ss}Z {view.Topic} [{view.Code}] {view.Reason}"));
            var preview = view.Payload.Length <= 200 ? view.Payload : view.Payload[..200] + "…";
            Console.WriteLine($"    {view.PayloadBytes} bytes ({view.PayloadEncoding}): {preview}");
        }

        if (letters.Count == 0)
        {
            Console.WriteLine("No dead letters.");
        }
    }
}
