using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>
/// <c>pontive-ingest prices publish --site bank-sungai-jawi --file prices.json</c>: gives a waste bank a new price
/// table through the running Ingest (which stores it and publishes it, retained, to every device of the site).
/// <c>pontive-ingest prices show --site …</c> prints the site's current table.
/// </summary>
internal static class PriceCommands
{
    public static Command Build()
    {
        var site = new Option<string>("--site") { Description = "The waste bank's site id, e.g. bank-sungai-jawi", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The price table as JSON: {\"version\":…,\"effective_from\":…,\"categories\":[…]}", Required = true };
        var token = new Option<string?>("--token")
        {
            Description = "An admin token (HttpAccess); by default the PONTIVE_TOKEN environment variable",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PONTIVE_TOKEN"),
        };
        var url = new Option<string>("--url") { Description = "The running Ingest's HTTP address", DefaultValueFactory = _ => "http://127.0.0.1:8080" };

        var publish = new Command("publish", "Set a site's price table and send it to its devices") { site, file, url, token };
        publish.SetAction(async (parse, ct) =>
        {
            using var http = Client(parse.GetValue(url)!, parse.GetValue(token));
            using var content = new StringContent(await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct).ConfigureAwait(false), System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PutAsync(new Uri($"admin/sites/{Uri.EscapeDataString(parse.GetValue(site)!)}/price-table", UriKind.Relative), content, ct).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"Ingest refused the price table ({(int)response.StatusCode}): {answer}").ConfigureAwait(false);
                return 1;
            }

            var result = JsonDocument.Parse(answer).RootElement;
            Console.WriteLine($"Price table {result.GetProperty("version").GetString()} set for {parse.GetValue(site)}; sent to {result.GetProperty("devices").GetInt32()} device(s).");
            return 0;
        });

        var show = new Command("show", "Print a site's current price table") { site, url, token };
        show.SetAction(async (parse, ct) =>
        {
            using var http = Client(parse.GetValue(url)!, parse.GetValue(token));
            using var response = await http.GetAsync(new Uri($"admin/sites/{Uri.EscapeDataString(parse.GetValue(site)!)}/price-table", UriKind.Relative), ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"No price table for {parse.GetValue(site)} ({(int)response.StatusCode}).").ConfigureAwait(false);
                return 1;
            }

            var table = (await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false)).GetProperty("price_table");
            Console.WriteLine($"Price table {table.GetProperty("version").GetString()}, from {table.GetProperty("effective_from").GetString()}:");
            foreach (var category in table.GetProperty("categories").EnumerateArray())
            {
                Console.WriteLine($"  {category.GetProperty("code").GetString(),-20} {category.GetProperty("price_idr_per_kg").GetInt64(),8} IDR/kg  {category.GetProperty("name_id").GetString()}");
            }

            return 0;
        });

        return new Command("prices", "Waste-bank price tables") { publish, show };
    }

    private static HttpClient Client(string url, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(url) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}
