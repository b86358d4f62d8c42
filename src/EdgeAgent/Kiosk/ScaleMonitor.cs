using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Sampling;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// Owns the bank's scale while the kiosk runs: one driver instance on the bus (two would fight over the HX711's pins
/// or the indicator's port), read every <see cref="KioskOptions.ScaleReadInterval"/> for the live weight, with its
/// telemetry (<c>scale</c>, <c>mass_kg</c>) taken from those readings at the sensor's own interval. The sampler
/// leaves this entry alone (<see cref="EntryIndex"/>).
/// </summary>
public sealed class ScaleMonitor : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    private readonly SensorFactory _factory;
    private readonly TelemetryOutbox _outbox;
    private readonly SensorHealth _health;
    private readonly ClockTrust _clock;
    private readonly TimeProvider _time;
    private readonly TimeSpan _readInterval;
    private readonly ILogger<ScaleMonitor> _logger;
    private readonly Lock _gate = new();
    private IScale? _scale;
    private ScaleReading _latest;

    public ScaleMonitor(SensorFactory factory, TelemetryOutbox outbox, SensorHealth health, ClockTrust clock, TimeProvider time, IOptions<KioskOptions> options, ILogger<ScaleMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        _factory = factory;
        _outbox = outbox;
        _health = health;
        _clock = clock;
        _time = time;
        _readInterval = options.Value.ScaleReadInterval;
        _logger = logger;
        EntryIndex = Enumerable.Range(0, factory.Entries.Count)
            .Cast<int?>()
            .FirstOrDefault(i => SensorDrivers.TryGet(factory.Entries[i!.Value].Driver, out var driver) && driver.Kind == SensorKinds.Scale);
        _latest = new ScaleReading(null, EntryIndex is null ? "no scale is configured" : "the scale has not been read yet", time.GetUtcNow());
    }

    /// <summary>Raised after every reading (the kiosk pushes it to the page).</summary>
    public event Action<ScaleReading>? Updated;

    /// <summary>The <c>Sensors</c> entry of the scale, if the device has one.</summary>
    public int? EntryIndex { get; }

    public string? ScaleId => EntryIndex is { } index ? _factory.Entries[index].Id : null;

    public ScaleReading Latest => _latest;

    /// <summary>Makes the current load the new zero. Throws when the scale is not there.</summary>
    public async ValueTask TareAsync(CancellationToken cancellationToken)
    {
        var scale = _scale ?? throw new InvalidOperationException(_latest.Error ?? "the scale is not ready");
        await scale.TareAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (EntryIndex is not { } index)
        {
            return;
        }

        var entry = _factory.Entries[index];
        var nextTelemetry = _time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = _readInterval;
                try
                {
                    _scale ??= _factory.Create(index) as IScale
                        ?? throw new InvalidOperationException($"Driver '{entry.Driver}' does not provide a scale.");
                    var sample = await _scale.ReadAsync(stoppingToken).ConfigureAwait(false);
                    var now = _time.GetUtcNow();
                    Publish(new ScaleReading(sample, null, now));
                    _health.Succeeded(entry.Id, WireTime.Truncate(now));
                    if (now >= nextTelemetry)
                    {
                        nextTelemetry = now + entry.Interval;
                        AppendTelemetry(entry.Id, sample, now);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.ScaleFailed(_logger, entry.Id, ex.Message);
                    _health.Failed(entry.Id, ex.Message);
                    Publish(new ScaleReading(null, ex.Message, _time.GetUtcNow()));
                    (_scale as IDisposable)?.Dispose();
                    _scale = null;
                    wait = RetryAfterFailure;
                }

                await Task.Delay(wait, _time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            (_scale as IDisposable)?.Dispose();
        }
    }

    private void Publish(ScaleReading reading)
    {
        lock (_gate)
        {
            _latest = reading;
        }

        Updated?.Invoke(reading);
    }

    private void AppendTelemetry(string sensorId, ScaleSample sample, DateTimeOffset now)
    {
        // A load past the contract's range (an overloaded platform) would make the city refuse the whole batch.
        if (!SensorKinds.Scale.Values[ValueNames.MassKg].Contains((double)sample.MassKg))
        {
            return;
        }

        try
        {
            _outbox.Append(new Sample
            {
                T = WireTime.Truncate(now),
                Sensor = sensorId,
                Kind = SensorKinds.Scale.Name,
                Values = new Dictionary<string, double>(StringComparer.Ordinal) { [ValueNames.MassKg] = (double)sample.MassKg },
                Clock = _clock.IsTrusted ? null : ClockState.Unsynced,
            });
        }
        catch (DiskFullException ex)
        {
            Log.SampleNotKept(_logger, sensorId, ex.Message);
        }
    }
}
