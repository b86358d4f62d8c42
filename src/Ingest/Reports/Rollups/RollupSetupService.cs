using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Reports.Influx;

namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>
/// Sets up the roll-ups when Ingest starts, in the background: Ingest takes device messages at once even when InfluxDB
/// is down, and the set-up is tried again (doubling waits up to <c>Reports:SetupRetryDelayMax</c>) until it succeeds.
/// </summary>
internal sealed class RollupSetupService : BackgroundService
{
    private readonly RollupSetup _setup;
    private readonly RollupStatus _status;
    private readonly ReportsOptions _options;
    private readonly ReportStorage _storage;
    private readonly TimeProvider _time;
    private readonly ILogger<RollupSetupService> _logger;

    public RollupSetupService(RollupSetup setup, RollupStatus status, ReportStorage storage, IOptions<ReportsOptions> options, TimeProvider time, ILogger<RollupSetupService> logger)
    {
        _setup = setup;
        _status = status;
        _storage = storage;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_storage.IsV1 || _storage.Rollups != RollupMode.Managed)
        {
            _status.NotManaged();
            return;
        }

        if (_storage.RoutesTelemetry)
        {
            ReportsLog.TelemetryRouted(_logger, _storage.RawRetentionPolicy!, _storage.RawRetention!.Value, _storage.LedgerRetentionPolicy ?? "the database's default retention policy");
        }

        var delay = _options.SetupRetryDelay;
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var result = await _setup.EnsureAsync(stoppingToken).ConfigureAwait(false);
                _status.Ready(_time.GetUtcNow());
                ReportsLog.RollupsReady(_logger, _storage.Database, result.ChangedNothing ? "nothing to change" : string.Join("; ", result.Changes));
                return;
            }
            catch (InfluxQueryException ex)
            {
                _status.Failed(ex.Message);
                ReportsLog.RollupSetupFailed(_logger, attempt, delay, ex.Message);
            }

            try
            {
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            delay = delay * 2 < _options.SetupRetryDelayMax ? delay * 2 : _options.SetupRetryDelayMax;
        }
    }
}
