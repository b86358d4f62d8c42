using Pontive.Iot.EdgeAgent.Cli;

return await AgentCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
