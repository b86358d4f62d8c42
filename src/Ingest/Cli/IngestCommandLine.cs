using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.DeadLetters;

namespace Pontive.Iot.Ingest.Cli;

/// <summary>
/// <c>pontive-ingest</c> runs the service; <c>pontive-ingest dead-letters list</c> shows refused messages.
/// Anything the commands do not know (<c>--InfluxDb:Url=…</c>) is passed on as configuration.
/// </summary>
public static class IngestCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Pontive.Iot Ingest: device messages from MQTT into InfluxDB.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((parse, ct) => RunServiceAsync([.. parse.UnmatchedTokens], ct));
        root.Add(DeadLetterCommands.Build());
        root.Add(PriceCommands.Build());
        return root;
    }

    private static async Task<int> RunServiceAsync(string[] configurationArgs, CancellationToken cancellationToken)
    {
        try
        {
            var app = IngestHost.CreateBuilder(configurationArgs).Build();
            app.MapIngestEndpoints();
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            return ConfigurationError.Report(ex);
        }
    }
}
