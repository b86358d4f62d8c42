using System.Device.Gpio;
using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Sensors;
using Hcsr04Binding = Iot.Device.Hcsr04.Hcsr04;

namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary>
/// A bin's fill level from an HC-SR04 (or JSN-SR04T) on its lid, through the Iot.Device.Hcsr04 binding. The binding
/// times the echo by polling the pin in a loop, so a stalled loop reads long or short (94.7 cm for 87.5 cm was seen
/// with the other core busy). Here every ping is watched (<see cref="EchoWatch"/>): only pings whose edges were seen
/// closely count, a reading is the median of several, the measuring thread asks for real-time priority, and the
/// binding's own spacing between pings, which can eat its timeout, is never triggered. When the processor is too
/// busy to time enough pings, the reading is refused rather than guessed.
/// </summary>
internal sealed class HcSr04Sensor : ISensor
{
    private enum PingOutcome
    {
        /// <summary>Both edges seen closely: the ping's distance counts.</summary>
        Timed,

        /// <summary>A stall hid an edge: nothing known about the distance.</summary>
        Untimed,

        /// <summary>The module's no-echo pulse: nothing within range answered.</summary>
        Lost,
    }

    /// <summary>The speed of sound the binding converts with (34.3 cm/ms, i.e. 343 m/s at 20 °C).</summary>
    private const double BindingCentimetresPerMillisecond = 34.3;

    /// <summary>On a busy processor, up to this many pings per ping wanted before giving up on a reading.</summary>
    private const int AttemptsPerPing = 4;

    /// <summary>
    /// The binding waits until 60 ms have passed since its last ping (so that ping's echoes have died away), but it
    /// sets its 100 ms timeout before that wait, and the wait sleeps for the time since the last ping, doubling, so it
    /// can last up to about 120 ms: the ping after it then times out unheard. Waiting here first, from the end of
    /// the last ping, leaves the binding nothing to wait for.
    /// </summary>
    private static readonly TimeSpan PingSpacing = TimeSpan.FromMilliseconds(65);

    /// <summary>
    /// A ping with no echo seen, watched without a gap this long for longer than the longest echo, proves the module
    /// missing: the shortest echo in range (2 cm) lasts 116 µs.
    /// </summary>
    private static readonly TimeSpan ConclusiveWatchGap = TimeSpan.FromMicroseconds(100);

    /// <summary>Longer than the module's no-echo pulse (38 ms), so a line high before and after is stuck.</summary>
    private static readonly TimeSpan StuckEchoCheck = TimeSpan.FromMilliseconds(45);

    /// <summary>The echo of the farthest distance in range (400 cm), by the binding's conversion.</summary>
    private static readonly TimeSpan LongestEcho = TimeSpan.FromMilliseconds(HcSr04Settings.Range.MaxCm * 2 / BindingCentimetresPerMillisecond);

    private readonly HcSr04Settings _settings;
    private readonly FillLevelGauge _gauge;
    private readonly GpioController _pins;
    private readonly EchoWatch _watch;
    private readonly Hcsr04Binding _binding;
    private long _lastPingAt;

    public HcSr04Sensor(SensorOptions options, HcSr04Settings settings, FillLevelGauge gauge, GpioController pins, int triggerPin, int echoPin)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(pins);
        Options = options;
        _settings = settings;
        _gauge = gauge;
        _pins = pins;
        TriggerPin = triggerPin;
        EchoPin = echoPin;
        _watch = new EchoWatch(pins, echoPin);

        // The binding owns the controller over the watch; disposing it closes our two pins on the shared header.
        _binding = new Hcsr04Binding(new GpioController(_watch), triggerPin, echoPin, shouldDispose: true);
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.FillLevel;

    public int TriggerPin { get; }

    public int EchoPin { get; }

    /// <summary>Of the last reading: pings timed closely enough to count.</summary>
    public int TimedPings { get; private set; }

    /// <summary>Of the last reading: pings thrown away because a stalled thread hid when their echo rose or fell.</summary>
    public int UntimedPings { get; private set; }

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        // The binding sleeps 60 ms or more between pings and busy-waits on Echo during each: a thread of its own,
        // not one of the pool's.
        var distance = await Task.Factory.StartNew(
            () => MeasureDistanceCm(cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);

        // The module resolves about 3 mm; a tenth of a centimetre keeps what it gives.
        return _gauge.Values(Math.Round(distance, 1));
    }

    /// <summary>
    /// The distance of one reading in centimetres: the median of <see cref="HcSr04Settings.Pings"/> timed pings that
    /// agree, trying up to four times as many pings on a busy processor. A ping is timed when <see cref="EchoWatch"/>
    /// bracketed both of its edges closely: its distance is then the binding's, or, where the binding's stopwatch was
    /// stalled away from its reads, the one the brackets give. The measuring thread asks for a higher priority while
    /// it pings (<see cref="TimingThreadPriority"/>).
    /// </summary>
    public double MeasureDistanceCm(CancellationToken cancellationToken)
    {
        using var priority = TimingThreadPriority.Raise();
        var timed = new List<double>(_settings.Pings);
        var lost = 0;
        var untimed = 0;
        var anyEcho = false;
        var attempts = _settings.Pings * AttemptsPerPing;
        var agreed = double.NaN;
        for (var ping = 1; ping <= attempts; ping++)
        {
            WaitForPingSpacing(cancellationToken);
            _watch.Restart();
            var answered = _binding.TryGetDistance(out var distance);

            // Counted from the end of the ping: the binding stamps its own start a moment after it is called.
            _lastPingAt = PinClock.Now;
            anyEcho |= _watch.EchoSeenHigh;

            switch (Classify(answered, distance.Centimeters, cancellationToken, out var centimetres))
            {
                case PingOutcome.Timed:
                    timed.Add(centimetres);
                    break;
                case PingOutcome.Lost:
                    lost++;
                    if (lost > _settings.Pings - _settings.PingsNeeded)
                    {
                        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                            $"The HC-SR04 heard no echo within {HcSr04Settings.Range.MaxCm} cm in {lost} of {ping} pings: nothing below it in range, soft rubbish swallowing the sound, or the sensor not pointing straight down."));
                    }

                    break;
                default:
                    untimed++;
                    break;
            }

            if (timed.Count >= _settings.Pings && PingAgreement.TryFind(timed, _settings.PingsNeeded, out agreed))
            {
                break;
            }
        }

        TimedPings = timed.Count;
        UntimedPings = untimed;
        if (!double.IsNaN(agreed) || PingAgreement.TryFind(timed, _settings.PingsNeeded, out agreed))
        {
            return agreed;
        }

        if (timed.Count >= _settings.PingsNeeded)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The HC-SR04's pings disagree ({string.Join(", ", timed.Select(cm => cm.ToString("0.0", CultureInfo.InvariantCulture)))} cm): echoes off the bin's walls, or something moving below the sensor."));
        }

        throw anyEcho
            ? new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Only {timed.Count} of {attempts} pings of the HC-SR04 could be timed ({untimed} stalled, {lost} lost): the processor is too busy to time its echo (see the sensor's README)."))
            : NoEchoPulse();
    }

    public void Dispose() => _binding.Dispose();

    private void WaitForPingSpacing(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var remaining = PingSpacing - TimeSpan.FromMicroseconds(PinClock.ToMicroseconds(PinClock.Now - _lastPingAt));
        if (_lastPingAt != 0 && remaining > TimeSpan.Zero)
        {
            Pause(remaining, cancellationToken);
        }
    }

    /// <summary>What one ping gave, as <see cref="EchoWatch"/> saw it; throws for a missing module or a stuck Echo line.</summary>
    private PingOutcome Classify(bool answered, double bindingCentimetres, CancellationToken cancellationToken, out double centimetres)
    {
        centimetres = double.NaN;
        if (_watch.LastEcho is { } echo)
        {
            if (echo.IsPrecise && echo.Width <= LongestEcho)
            {
                var bindingWidth = TimeSpan.FromMilliseconds(bindingCentimetres * 2 / BindingCentimetresPerMillisecond);
                centimetres = answered && _watch.TimedCleanly(bindingWidth) ? bindingCentimetres : Centimetres(echo.Width);
                return PingOutcome.Timed;
            }

            // Longer than any echo in range even at its shortest: the module's no-echo pulse (38 ms).
            return echo.Width - echo.Uncertainty > LongestEcho ? PingOutcome.Lost : PingOutcome.Untimed;
        }

        if (_watch.EchoSeenHigh)
        {
            // Risen but never seen to fall: a stuck line, or the binding's deadline ran out while its thread was stalled.
            ThrowIfEchoStuckHigh(cancellationToken);
            return PingOutcome.Untimed;
        }

        // Nothing seen. Watched closely for longer than any echo takes: no module. Watched with gaps, or only briefly
        // (the binding's deadline ran out while its thread was stalled): the echo may have passed unseen.
        return _watch.LongestGap < ConclusiveWatchGap && _watch.WatchedFor > LongestEcho
            ? throw NoEchoPulse()
            : PingOutcome.Untimed;
    }

    private IOException NoEchoPulse() => new(string.Create(CultureInfo.InvariantCulture,
        $"No echo pulse at all from the HC-SR04 on Trigger GPIO{TriggerPin} / Echo GPIO{EchoPin}: is it connected and powered (5 V, GND), with Echo through the 1 kΩ/2 kΩ divider and Trigger on the right pin?"));

    /// <summary>Echo high now and still high after the module's 38 ms timeout: no echo lasts that long.</summary>
    private void ThrowIfEchoStuckHigh(CancellationToken cancellationToken)
    {
        if (_pins.Read(EchoPin) != PinValue.High)
        {
            return;
        }

        Pause(StuckEchoCheck, cancellationToken);
        if (_pins.Read(EchoPin) == PinValue.High)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture,
                $"Echo (GPIO{EchoPin}) stays high: a faulty module, or Echo shorted to a supply. Check the divider's wiring."));
        }
    }

    /// <summary>An echo width in centimetres, with the binding's own conversion so every ping reads alike.</summary>
    private static double Centimetres(TimeSpan echoWidth) => echoWidth.TotalMilliseconds / 2 * BindingCentimetresPerMillisecond;

    private static void Pause(TimeSpan duration, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.WaitHandle.WaitOne(duration);
            cancellationToken.ThrowIfCancellationRequested();
        }
        else
        {
            Thread.Sleep(duration);
        }
    }
}
