using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// A platform scale read through its indicator's continuous output. The indicator streams frames all the time, so
/// a background loop reads every one of them: the port's buffer never fills with old weights, the stable-weight
/// detector and the glitch filter see the whole stream, and a reader gets the next frame after it asked (a tenth
/// of a second or so), never one that waited in a buffer. Serves the kiosk (<see cref="IScale"/>) and telemetry
/// (<see cref="ISensor"/>, mass_kg) at the same time.
/// </summary>
/// <remarks>
/// Weights are the indicator's, in its own division; the agent does not calibrate them (a verified indicator is
/// calibrated in itself) and records the verification's id with each weight. <see cref="ScaleSample.Raw"/> is the
/// frame's value in divisions (gross, or net when the indicator keeps the tare itself, with
/// <see cref="ScaleSample.TareRaw"/> 0); the software tare is in the same divisions.
/// </remarks>
internal sealed class ScaleIndicatorSensor : ISensor, IScale
{
    /// <summary>An indicator sends several frames a second; none for this long means the line is dead.</summary>
    public static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long a tare may wait for the weight to settle (or the indicator to confirm).</summary>
    public static readonly TimeSpan TareTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A jump larger than this between frames is held back until the next frame confirms it (a mangled digit, not a load).</summary>
    public const long GlitchJumpGrams = 500;

    private readonly Lock _gate = new();
    private readonly WeightIndicator _indicator;
    private readonly ScaleIndicatorSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly decimal _configuredKilogramsPerUnit;
    private readonly string _calibrationId;
    private readonly StableWeightDetector _stability;
    private readonly GlitchFilter _glitches = new(GlitchJumpGrams);
    private readonly List<TaskCompletionSource<IndicatorObservation>> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<IndicatorObservation?> _frameHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _readerWaiting;
    private decimal _softwareTareKg;
    private IndicatorObservation? _latest;
    private Exception? _fault;
    private bool _disposed;

    public ScaleIndicatorSensor(SensorOptions options, ScaleIndicatorSettings settings, ScaleIndicatorFormat format, Stream port, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        _settings = settings;
        _timeProvider = timeProvider;
        _configuredKilogramsPerUnit = IndicatorUnits.TryGetKilograms(settings.Unit ?? "kg", out var kilograms) ? kilograms : 1m;
        _calibrationId = settings.Calibration.Id ?? string.Empty;
        _stability = new StableWeightDetector(settings.Stability, timeProvider);
        _indicator = new WeightIndicator(port, format);
        var stopping = _stopping.Token;
        Pump = Task.Run(() => PumpAsync(stopping));
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.Scale;

    public string Id => Options.Id;

    /// <summary>Frames the indicator sent that the parser rejected.</summary>
    public long RejectedFrames => _indicator.RejectedFrames;

    /// <summary>Frames held back as possible glitches: a jump not yet confirmed by the next frame.</summary>
    public long GlitchesRejected
    {
        get { lock (_gate) { return _glitches.Rejected; } }
    }

    /// <summary>The tare the agent keeps, in kilograms (0 when the indicator keeps it).</summary>
    public decimal SoftwareTareKg
    {
        get { lock (_gate) { return _softwareTareKg; } }
    }

    /// <summary>The loop reading the port; it ends when the sensor is disposed or the port fails.</summary>
    internal Task Pump { get; }

    /// <summary>Raised on the reading loop for every frame handled, with what it meant (null: not passed on); for tests.</summary>
    internal event Action<IndicatorObservation?>? FrameHandled;

    /// <summary>
    /// Completes once the next frame off the line has been handled: with what it meant, or null when it was not
    /// passed on (a held-back glitch, a tare frame). Lets tests step through the stream one frame at a time.
    /// </summary>
    internal Task<IndicatorObservation?> WhenNextFrameHandled()
    {
        lock (_gate)
        {
            return _frameHandled.Task;
        }
    }

    /// <summary>
    /// Completes when a reader (a read, a tare) is waiting for the next frame, at once if one is. With a fake clock,
    /// tests wait for this before moving time on, so a reader's continuation is never overtaken by its own deadline.
    /// </summary>
    internal Task WhenReaderWaits()
    {
        lock (_gate)
        {
            if (_waiters.Count > 0)
            {
                return Task.CompletedTask;
            }

            _readerWaiting ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _readerWaiting.Task;
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        var sample = await ReadSampleAsync(cancellationToken).ConfigureAwait(false);
        var mass = (double)sample.MassKg;
        var range = SensorKinds.Scale.Values[ValueNames.MassKg];
        if (!range.Contains(mass))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The scale weighs {sample.MassKg} kg, outside the contract's range {range} kg for {ValueNames.MassKg}."));
        }

        return new Dictionary<string, double>(1, StringComparer.Ordinal) { [ValueNames.MassKg] = mass };
    }

    /// <summary>The weight of the next frame: net of the tare, to the indicator's resolution, stable only when settled.</summary>
    public async ValueTask<ScaleSample> ReadSampleAsync(CancellationToken cancellationToken)
    {
        var observation = await NextObservationAsync(cancellationToken).ConfigureAwait(false);
        return observation.SampleOrThrow();
    }

    ValueTask<ScaleSample> IScale.ReadAsync(CancellationToken cancellationToken) => ReadSampleAsync(cancellationToken);

    /// <summary>
    /// Makes the current, settled load the zero: the agent keeps the tare (<see cref="IndicatorTareMode.Software"/>),
    /// or the indicator takes it on its tare command and is then expected to send net weights near zero.
    /// </summary>
    public async ValueTask TareAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TareTimeout, _timeProvider);
        using var taring = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var settled = false;
        try
        {
            var current = await SettledObservationAsync(taring.Token).ConfigureAwait(false);
            settled = true;
            if (_settings.Tare == IndicatorTareMode.Software)
            {
                lock (_gate)
                {
                    _softwareTareKg += current.SampleOrThrow().MassKg;
                    ForgetHistory();
                }

                return;
            }

            lock (_gate)
            {
                ForgetHistory();
            }

            _indicator.SendTare();
            while (true)
            {
                var observation = await NextObservationAsync(taring.Token).ConfigureAwait(false);
                var sample = observation.SampleOrThrow();
                if (observation.Frame.Kind == IndicatorWeightKind.Net && Math.Abs(sample.MassKg) <= sample.ResolutionKg)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(settled
                ? $"The indicator did not send a net weight near zero within {TareTimeout.TotalSeconds:0} s of its tare command: it may take no commands. Set Tare to Software for scale {Id}."
                : $"The weight did not settle within {TareTimeout.TotalSeconds:0} s: nothing was tared. Wait until the load is still and tare again.");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            FailWaiters(new ObjectDisposedException(nameof(ScaleIndicatorSensor)));
        }

        _stopping.Cancel();
        _indicator.Dispose();
        _stopping.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var frame = await _indicator.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
                var at = _timeProvider.GetUtcNow();
                lock (_gate)
                {
                    var observation = Observe(frame, at);
                    if (observation is not null)
                    {
                        _latest = observation;
                        foreach (var waiter in _waiters)
                        {
                            waiter.TrySetResult(observation);
                        }

                        _waiters.Clear();
                    }

                    var handled = _frameHandled;
                    _frameHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);
                    handled.TrySetResult(observation);
                    FrameHandled?.Invoke(observation);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or UnauthorizedAccessException or InvalidOperationException)
        {
            lock (_gate)
            {
                _fault = ex;
                FailWaiters(PortFailure());
            }
        }
    }

    /// <summary>What a frame means for the scale, or null when it is not a weight to show (a tare frame, a held-back glitch). Under the lock.</summary>
    private IndicatorObservation? Observe(IndicatorFrame frame, DateTimeOffset at)
    {
        if (frame.Kind == IndicatorWeightKind.Tare)
        {
            return null;
        }

        if (frame.Status == IndicatorStatus.Overload)
        {
            return Problem("The scale indicator reports an overload (OL): the load is beyond the scale's capacity. Take it off the platform.");
        }

        var kilogramsPerUnit = _configuredKilogramsPerUnit;
        if (frame.Unit is { } unit && !IndicatorUnits.TryGetKilograms(unit, out kilogramsPerUnit))
        {
            return Problem($"The scale indicator sends weights in '{unit}', a unit the agent does not take: set the indicator to {IndicatorUnits.Known}.");
        }

        if (frame.Value is not { } value || frame.Divisions is not { } divisions)
        {
            return Problem("The scale indicator sent a frame without a weight.");
        }

        var weightKg = value * kilogramsPerUnit;
        if (!_glitches.Offer((long)Math.Round(weightKg * 1000m)))
        {
            return null;
        }

        var resolutionKg = kilogramsPerUnit / IndicatorFrame.Pow10(frame.Decimals);
        var massKg = Math.Round((weightKg - _softwareTareKg) / resolutionKg) * resolutionKg;
        var tareRaw = (long)Math.Round(_softwareTareKg / resolutionKg);
        var settled = _stability.Add(massKg);
        var flaggedStable = frame.Status is IndicatorStatus.Stable or IndicatorStatus.NotReported;
        var sample = new ScaleSample(massKg, divisions, tareRaw, _calibrationId, flaggedStable && settled, resolutionKg);
        return new IndicatorObservation(frame, sample, null, at);

        IndicatorObservation Problem(string problem) => new(frame, null, problem, at);
    }

    private async Task<IndicatorObservation> NextObservationAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource<IndicatorObservation>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_fault is not null)
            {
                throw PortFailure();
            }

            _waiters.Add(waiter);
            _readerWaiting?.TrySetResult();
            _readerWaiting = null;
        }

        using var deadline = new CancellationTokenSource(FrameTimeout, _timeProvider);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await waiter.Task.WaitAsync(waiting.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var rejected = _indicator.RejectedFrames;
            var hint = rejected > 0 ? $" {rejected} frames came but were rejected: is Format ({_indicator.Format.Name}) or BaudRate wrong?" : string.Empty;
            throw new TimeoutException(
                $"No weight from the scale indicator on {Options.SerialPort} for {FrameTimeout.TotalSeconds:0} s: check the RS-232 cable and adapter, and that the indicator's continuous output is on.{hint}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>The latest weight if it is settled and fresh, else the next settled one.</summary>
    private async Task<IndicatorObservation> SettledObservationAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_latest is { Sample.IsStable: true } latest && _timeProvider.GetUtcNow() - latest.At <= FrameTimeout)
            {
                return latest;
            }
        }

        while (true)
        {
            var observation = await NextObservationAsync(cancellationToken).ConfigureAwait(false);
            if (observation.SampleOrThrow().IsStable)
            {
                return observation;
            }
        }
    }

    /// <summary>After a tare, earlier weights are on another zero: none may vouch for stability or be reused. Under the lock.</summary>
    private void ForgetHistory()
    {
        _latest = null;
        _stability.Reset();
        _glitches.Reset();
    }

    /// <summary>Under the lock.</summary>
    private void FailWaiters(Exception exception)
    {
        foreach (var waiter in _waiters)
        {
            waiter.TrySetException(exception);
        }

        _waiters.Clear();
    }

    private IOException PortFailure() =>
        new($"The scale indicator's port {Options.SerialPort} failed: {_fault?.Message}", _fault);
}
