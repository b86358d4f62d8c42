using System.CommandLine;
using System.CommandLine.Parsing;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// <c>pontive-bench-backlog [--messages N] [--samples-per-message S] [--max-unacknowledged M] [--max-batch-lines L] …</c>.
/// bench/run.sh starts the servers and passes their addresses; run by hand, it expects them on the usual ports.
/// </summary>
internal static class BenchCommandLine
{
    public static RootCommand Build()
    {
        var messages = Ranged(new Option<int>("--messages") { Description = "Messages queued for each drain", DefaultValueFactory = _ => 100_000 }, 1, 10_000_000);
        var samples = Ranged(new Option<int>("--samples-per-message") { Description = "Environment samples in each message (points per message)", DefaultValueFactory = _ => 3 }, 1, 250);
        var maxUnacknowledged = Ranged(new Option<int>("--max-unacknowledged") { Description = "Ingest's Broker:MaxUnacknowledged, and the plain subscriber's receive maximum", DefaultValueFactory = _ => 1000 }, 1, 65_535);
        var maxBatchLines = Ranged(new Option<int>("--max-batch-lines") { Description = "Ingest's Ingest:MaxBatchLines", DefaultValueFactory = _ => 5000 }, 1, 100_000);
        var mqttHost = new Option<string>("--mqtt-host") { Description = "The MQTT broker's host", DefaultValueFactory = _ => "127.0.0.1" };
        var mqttPort = Ranged(new Option<int>("--mqtt-port") { Description = "The MQTT broker's port", DefaultValueFactory = _ => 1883 }, 1, 65_535);
        var brokerName = new Option<string>("--broker-name") { Description = "What the broker is, for the report", DefaultValueFactory = _ => "MQTT broker" };
        var influxDbUrl = new Option<Uri>("--influxdb-url")
        {
            Description = "InfluxDB 1.x; the bench writes to a database of its own and drops it after",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:8086"),
            CustomParser = AbsoluteUri,
        };
        var timeout = Ranged(new Option<int>("--timeout-seconds") { Description = "Longest wait for one drain before giving up", DefaultValueFactory = _ => 600 }, 1, 86_400);
        var serverPids = new Option<int[]>("--server-pid") { Description = "Process id of a server under test (repeatable), to tell its CPU use from other work", DefaultValueFactory = _ => [] };
        var resultsFile = new Option<string?>("--results-file") { Description = "Also write the report (Markdown) to this file" };

        var root = new RootCommand("How fast a backlog of queued telemetry drains through Ingest into InfluxDB, next to the broker-only rate.")
        {
            messages, samples, maxUnacknowledged, maxBatchLines, mqttHost, mqttPort, brokerName, influxDbUrl, timeout, serverPids, resultsFile,
        };
        root.SetAction((parse, cancellationToken) =>
        {
            var settings = new BenchSettings(
                parse.GetValue(messages),
                parse.GetValue(samples),
                parse.GetValue(maxUnacknowledged),
                parse.GetValue(maxBatchLines),
                new BrokerAddress(parse.GetRequiredValue(mqttHost), parse.GetValue(mqttPort)),
                parse.GetRequiredValue(influxDbUrl),
                TimeSpan.FromSeconds(parse.GetValue(timeout)),
                parse.GetValue(serverPids) ?? [],
                parse.GetValue(resultsFile));
            return RunAsync(settings, parse.GetRequiredValue(brokerName), cancellationToken);
        });
        return root;
    }

    private static async Task<int> RunAsync(BenchSettings settings, string brokerName, CancellationToken cancellationToken)
    {
        try
        {
            return await BacklogBenchmark.RunAsync(settings, brokerName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or ArgumentException or HttpRequestException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // No figures without a complete drain: say why in one line, not with a stack trace.
            await Console.Error.WriteLineAsync($"bench: failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static Uri? AbsoluteUri(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        result.AddError($"'{text}' is not an http:// or https:// address.");
        return null;
    }

    private static Option<int> Ranged(Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name} must be between {min} and {max}; it is {value}.");
            }
        });
        return option;
    }
}
