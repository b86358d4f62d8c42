using System.Device.Gpio;
using System.Globalization;
using Iot.Device.Hx711;
using Hx711Binding = Iot.Device.Hx711.Hx711;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>
/// Reads single conversions of raw counts through the Iot.Device.Hx711 binding, never letting it spin: the DOUT
/// wait happens here, asleep between looks, and the binding is called only once DOUT is low, when its own wait loop
/// ends at once. Should DOUT rise again before the binding looks (the module pulled out in between),
/// <see cref="Hx711PinGuard"/> ends that loop at the same deadline.
/// </summary>
/// <remarks>
/// The binding is asked for <c>GetWeight(1)</c> with a conversion ratio of 1 and no tare, which makes its "grams" the
/// raw 24-bit reading: a single conversion (never its even-count median, which throws for 2), and no rounding to whole
/// grams, since the weight is worked out from the counts by the sensor. Channel A, gain 128, MSB first: the load cell
/// on a standard board. PowerUp(), which would re-zero the binding's counts, is never called.
/// </remarks>
internal sealed class Hx711ConversionReader : IDisposable
{
    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Wake this long before the next conversion is due, to look for DOUT falling.</summary>
    private static readonly long WakeMargin = PinClock.From(TimeSpan.FromMilliseconds(2));

    private readonly GpioController _pins;
    private readonly Hx711PinGuard _guard;
    private readonly Hx711Binding _binding;
    private long _lastReadyAt;
    private long _period;

    public Hx711ConversionReader(GpioController pins, int dataPin, int clockPin, TimeSpan readyTimeout)
    {
        ArgumentNullException.ThrowIfNull(pins);
        _pins = pins;
        DataPin = dataPin;
        ClockPin = clockPin;
        ReadyTimeout = readyTimeout;
        _guard = new Hx711PinGuard(pins, dataPin, clockPin);

        // The binding owns the controller over the guard; disposing it closes our two pins on the shared header.
        _binding = new Hx711Binding(
            dataPin,
            clockPin,
            new Hx711Options(Hx711Mode.ChannelAGain128, useByteLittleEndian: false),
            new GpioController(_guard),
            shouldDispose: true);
        _binding.SetConversionRatio(1.0);
    }

    public int DataPin { get; }

    public int ClockPin { get; }

    /// <summary>How long to wait for DOUT to signal a conversion before calling the module missing.</summary>
    public TimeSpan ReadyTimeout { get; }

    /// <summary>
    /// Waits for the next conversion, asleep between looks at DOUT, and clocks it out; throws
    /// <see cref="TimeoutException"/> if none comes. Blocks the calling thread for up to <see cref="ReadyTimeout"/>:
    /// call it from a thread of its own.
    /// </summary>
    public Hx711Conversion Read(CancellationToken cancellationToken)
    {
        var deadline = PinClock.Now + PinClock.From(ReadyTimeout);
        SleepThroughConversion(deadline, cancellationToken);
        var waited = false;
        while (_pins.Read(DataPin) == PinValue.High)
        {
            waited = true;
            if (PinClock.Now >= deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"No HX711 answers on DT GPIO{DataPin} / SCK GPIO{ClockPin}: DOUT stayed high for {ReadyTimeout.TotalMilliseconds:0} ms. Is the board connected and powered (VCC 3.3 V, GND), and are DT and SCK the right way round?"));
            }

            // A millisecond asleep between looks: at 10 conversions a second about a hundred cheap wake-ups each.
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.WaitHandle.WaitOne(ReadyPollInterval);
                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                Thread.Sleep(ReadyPollInterval);
            }
        }

        LearnPeriod(waited);
        GuardedRead<double> read;

        // 25 clock pulses, each to be under 50 µs high: keep the scheduler off this thread for the read's ~100 µs.
        using (TimingThreadPriority.Raise())
        {
            read = _guard.RunGuarded(() => _binding.GetWeight(1).Grams, deadline, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (read.Abandoned)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"The HX711 on DT GPIO{DataPin} / SCK GPIO{ClockPin} stopped answering during a read (DOUT went high and stayed high): a loose wire or the board unplugged."));
        }

        return new Hx711Conversion((long)Math.Round(read.Value), read.ClockPulses, read.LongestClockHigh);
    }

    public void Dispose() => _binding.Dispose();

    /// <summary>
    /// Once the chip's conversion period is known, sleeps through most of it in one go instead of looking every
    /// millisecond: at 10 conversions a second, a handful of wake-ups per conversion instead of a hundred.
    /// </summary>
    private void SleepThroughConversion(long deadline, CancellationToken cancellationToken)
    {
        if (_period == 0)
        {
            return;
        }

        var now = PinClock.Now;
        var wake = Math.Min(_lastReadyAt + _period - WakeMargin, deadline);
        if (wake > now)
        {
            var sleep = TimeSpan.FromMicroseconds(PinClock.ToMicroseconds(wake - now));
            if (cancellationToken.CanBeCanceled)
            {
                cancellationToken.WaitHandle.WaitOne(sleep);
                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                Thread.Sleep(sleep);
            }
        }
    }

    /// <summary>
    /// The shortest time seen between two conversions found the moment DOUT fell: the chip's period, whatever its RATE
    /// pin says. Found already low after a sleep, the estimate may be too long, so it is learned again.
    /// </summary>
    private void LearnPeriod(bool waited)
    {
        var now = PinClock.Now;
        if (!waited)
        {
            _period = 0;
        }
        else if (_lastReadyAt != 0)
        {
            var interval = now - _lastReadyAt;
            _period = _period == 0 ? interval : Math.Min(_period, interval);
        }

        _lastReadyAt = now;
    }
}

/// <summary>One conversion as clocked out, with how its clock pulses went.</summary>
/// <param name="Raw">The signed 24-bit reading.</param>
/// <param name="ClockPulses">PD_SCK pulses of the read (25 for channel A at gain 128).</param>
/// <param name="LongestClockHigh">The longest PD_SCK high time (an upper bound).</param>
internal readonly record struct Hx711Conversion(long Raw, int ClockPulses, TimeSpan LongestClockHigh)
{
    /// <summary>A pulse was longer than the datasheet allows: the chip may have powered down and the value is not to be trusted.</summary>
    public bool ClockHeldTooLong => LongestClockHigh > Hx711PinGuard.MaxClockHigh;
}
