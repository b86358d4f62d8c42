using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// The real pipeline (backlog, worker, retrying writer, rejection keeper, dead-letter store) in front of a scripted
/// InfluxDB, on a fake clock. Messages queued before <see cref="StartAsync"/> are there when the worker first looks.
/// </summary>
internal sealed class PipelineUnderTest : IAsyncDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly TestMeterFactory _meters = new();
    private readonly IngestWorker _worker;

    public PipelineUnderTest(int maxBatchLines = 5000, double deviceRateLimit = 50, double deviceRateBurst = 1000)
    {
        var ingest = Options.Create(new IngestOptions
        {
            MaxBatchLines = maxBatchLines,
            QueueCapacity = 1000,
            DeviceRateLimit = deviceRateLimit,
            DeviceRateBurst = deviceRateBurst,
        });
        Statistics = new IngestStatistics(_meters, Time);
        Backlog = new IngestBacklog(ingest);
        DeadLetters = new DeadLetterStore(_folder.File("dead-letters.db"), maxKept: 1000);
        var rejectionLog = new RejectionLog(NullLogger<RejectionLog>.Instance, Time, Options.Create(new DeadLetterOptions()));
        var keeper = new RejectionKeeper(DeadLetters, rejectionLog, Statistics, Notifications, NullLogger<RejectionKeeper>.Instance);
        var writer = new RetryingPointWriter(Influx, ingest, Time, Statistics, NullLogger<RetryingPointWriter>.Instance);
        _worker = new IngestWorker(Backlog, writer, keeper, Statistics, Notifications, ingest, Options.Create(new FaultInjectionOptions()), new DeviceRateLimiter(ingest, Time), NullLogger<IngestWorker>.Instance);
    }

    public TimerWatchingTimeProvider Time { get; } = new();

    public ScriptedPointWriter Influx { get; } = new();

    public IngestBacklog Backlog { get; }

    public DeadLetterStore DeadLetters { get; }

    public IngestStatistics Statistics { get; }

    public IngestNotifications Notifications { get; } = new();

    public async Task<InboundMessage> EnqueueAsync(string topic, string json)
    {
        var message = Inbound.Message(topic, json);
        await Backlog.EnqueueAsync(message, CancellationToken.None);
        return message;
    }

    public Task StartAsync() => _worker.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync(CancellationToken.None);
        _worker.Dispose();
        DeadLetters.Dispose();
        Statistics.Dispose();
        _meters.Dispose();
        _folder.Dispose();
    }
}
