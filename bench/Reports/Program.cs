using Pontive.Iot.Bench.Reports;

return await ReportsBenchCommandLine.Build().Parse(args).InvokeAsync().ConfigureAwait(false);
