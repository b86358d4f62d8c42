using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>
/// <c>pontive-agent [--profile FILE]</c> runs the agent. Anything the command does not know
/// (<c>--Mqtt:Host=…</c>) is passed on as configuration.
/// </summary>
public static class AgentCommandLine
{
    public static RootCommand Build()
    {
        var profile = new Option<FileInfo?>("--profile")
        {
            Description = "A device profile (JSON) listing this device's sensors, e.g. hardware/profiles/park-kit.json",
            Recursive = true,
        };
        var root = new RootCommand("Pontive.Iot edge agent: samples sensors, keeps readings in an outbox, publishes over MQTT.")
        {
            profile,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => RunAgentAsync([.. parse.UnmatchedTokens], parse.GetValue(profile)?.FullName, ct));
        root.Add(SensorReadCommand.Build(profile));
        root.Add(OperatorCommands.Build(profile));
        root.Add(ScaleCalibrateCommand.Build(profile));
        return root;
    }

    private static async Task<int> RunAgentAsync(string[] configurationArgs, string? profilePath, CancellationToken cancellationToken)
    {
        try
        {
            await using var host = AgentHost.CreateBuilder(configurationArgs, profilePath).BuildAgent();

            // Checked here, before RunAsync: a host that fails to start logs the failure with its stack trace first.
            foreach (var validator in host.Services.GetServices<IAsyncStartupValidator>())
            {
                await validator.ValidateAsync(cancellationToken).ConfigureAwait(false);
            }

            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ConfigurationError.ProblemsIn(ex) is { Count: > 0 } problems)
        {
            return ConfigurationError.Report(problems);
        }
    }
}
