using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;

namespace Pontive.Iot.Ingest.Storage;

/// <summary>
/// Writes a batch until InfluxDB takes it. Retryable failures wait (exponential with jitter, or as long as InfluxDB's
/// Retry-After says) and try again for as long as it takes: while InfluxDB is down nothing is acknowledged, so
/// nothing is lost. A permanent failure is thrown to the caller, which decides what to keep as a dead letter.
/// </summary>
public sealed class RetryingPointWriter
{
    private readonly IPointWriter _writer;
    private readonly IngestStatistics _statistics;
    private readonly ResiliencePipeline _pipeline;

    public RetryingPointWriter(IPointWriter writer, IOptions<IngestOptions> options, TimeProvider time, IngestStatistics statistics, ILogger<RetryingPointWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _writer = writer;
        _statistics = statistics;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<InfluxWriteException>(ex => ex.IsRetryable),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryDelay,
                MaxDelay = options.Value.RetryDelayMax,
                // InfluxDB's Retry-After is honoured as asked, but never below the first delay: "0" must not become a busy loop.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is InfluxWriteException { RetryAfter: { } asked }
                        ? (asked > options.Value.RetryDelay ? asked : options.Value.RetryDelay)
                        : (TimeSpan?)null),
                OnRetry = args =>
                {
                    _statistics.WriteFailed(args.Outcome.Exception?.Message);
                    Log.WriteRetrying(logger, _writer.Destination, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public string Destination => _writer.Destination;

    public async Task WriteAsync(IReadOnlyList<PointData> points, CancellationToken cancellationToken)
    {
        await _pipeline.ExecuteAsync(
            static async (state, ct) => await state._writer.WriteAsync(state.points, ct).ConfigureAwait(false),
            (_writer, points),
            cancellationToken).ConfigureAwait(false);
        _statistics.Written(points.Count);
    }
}
