using Pontive.Iot.Ingest.Cli;

return await IngestCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
