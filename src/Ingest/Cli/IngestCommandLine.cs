using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
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
        root.Add(DeviceCommands.Build()); // Security (issue 6): pontive-ingest devices add|list|revoke|ingest-account|export-mosquitto
        root.Add(CaCommands.Build()); // Security (issue 6): pontive-ingest ca init|issue-server
        root.Add(ReportCommands.BuildReport()); // Reports (issue 7): pontive-ingest report …
        root.Add(ReportCommands.BuildRollups()); // Reports (issue 7): pontive-ingest rollups setup|backfill
        return root;
    }

    private static async Task<int> RunServiceAsync(string[] configurationArgs, CancellationToken cancellationToken)
    {
        try
        {
            var app = IngestHost.CreateBuilder(configurationArgs).Build();
            app.MapIngestEndpoints();

            // Checked here, before RunAsync: a host that fails to start logs the failure with its stack trace first.
            foreach (var validator in app.Services.GetServices<IAsyncStartupValidator>())
            {
                await validator.ValidateAsync(cancellationToken).ConfigureAwait(false);
            }

            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ConfigurationError.ProblemsIn(ex) is { Count: > 0 } problems)
        {
            return ConfigurationError.Report(problems);
        }
    }
}
