using Pontive.Iot.Bench.Backlog;

return await BenchCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
