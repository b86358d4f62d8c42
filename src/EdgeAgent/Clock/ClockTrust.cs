using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Clock;

/// <summary>
/// Knows whether the wall clock can be believed. A Raspberry Pi boots with the time it had at shutdown (or 1970)
/// and only learns the real time from the network; readings taken before that are flagged and, once the clock is
/// trusted, corrected from the monotonic clock by whoever listens to <see cref="Trusted"/>.
/// </summary>
public sealed class ClockTrust : BackgroundService
{
    private readonly ClockOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ClockTrust> _logger;
    private readonly long _startedAt;
    private readonly TaskCompletionSource _trusted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClockTrust(IOptions<ClockOptions> options, TimeProvider time, ILogger<ClockTrust> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _startedAt = time.GetTimestamp();
        if (_options.TrustSource == ClockTrustSource.Always || File.Exists(_options.SyncedFlagPath))
        {
            _trusted.TrySetResult();
        }
    }

    /// <summary>
    /// Raised once, when the clock becomes trusted after the agent started with an untrusted clock, before
    /// <see cref="IsTrusted"/> turns true.
    /// </summary>
    public event Action? Trusted;

    public bool IsTrusted => _trusted.Task.IsCompleted;

    /// <summary>Readings taken before trust are held back this long after start, waiting for their times to be corrected.</summary>
    public bool IsHoldingUnsynced => !IsTrusted && _time.GetElapsedTime(_startedAt) < _options.UnsyncedHold;

    public Task WhenTrustedAsync(CancellationToken cancellationToken) => _trusted.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (IsTrusted)
        {
            return;
        }

        Log.ClockNotTrusted(_logger, _options.SyncedFlagPath);
        try
        {
            while (!File.Exists(_options.SyncedFlagPath))
            {
                await Task.Delay(_options.CheckInterval, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        Log.ClockTrusted(_logger, _time.GetUtcNow());

        // Corrections first, then trust: a publisher that sees the clock trusted must find the held readings corrected.
        Trusted?.Invoke();
        _trusted.TrySetResult();
    }
}
