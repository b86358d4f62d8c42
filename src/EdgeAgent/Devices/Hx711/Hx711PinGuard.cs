using System.Device.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>
/// Stands between the HX711 binding and the header's pins (real or emulated), passing every call through, to fix
/// two defects of the binding without changing it:
/// <list type="bullet">
/// <item>Its wait for DOUT is <c>while (DOUT high) DelayMicroseconds(1)</c>: it spins a whole core, and forever when
/// no module answers. Here, a high DOUT during that wait is re-read every millisecond with the thread asleep, and at
/// the deadline (or on cancellation) the guard answers "low" so the loop ends; the read is marked abandoned and its
/// value thrown away.</item>
/// <item>A thread preempted while PD_SCK is high for more than 60 µs powers the chip down and corrupts the read, and
/// the binding cannot tell. Here, every clock pulse is timed, from before the rising write to after the falling one
/// (an upper bound, so no long pulse is missed), and a read with a pulse past the datasheet's 50 µs maximum is
/// reported so it can be rejected.</item>
/// </list>
/// </summary>
/// <remarks>
/// The binding's read is: drive PD_SCK low, wait while DOUT is high, then 24 + (1..3) pulses each followed by a read of
/// DOUT. So a low write that follows a low (no pulse in between) starts the wait, and a high write ends it.
/// One read at a time: the sensor serialises its reads.
/// </remarks>
internal sealed class Hx711PinGuard : GpioDriver
{
    /// <summary>Datasheet: PD_SCK high time (T3) 50 µs at most; above 60 µs the chip powers down.</summary>
    public static readonly TimeSpan MaxClockHigh = TimeSpan.FromMicroseconds(50);

    /// <summary>How long a wait may last when the binding is called outside <see cref="RunGuarded"/> (it should not be).</summary>
    public static readonly TimeSpan UnguardedWaitLimit = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    private readonly GpioController _pins;
    private readonly int _dataPin;
    private readonly int _clockPin;

    private bool _guarded;
    private long _deadline;
    private CancellationToken _cancellation;
    private bool _waitingForReady;
    private bool _clockIsHigh;
    private long _clockRoseAt;
    private long _longestClockHigh;
    private int _pulses;
    private bool _abandoned;

    public Hx711PinGuard(GpioController pins, int dataPin, int clockPin)
    {
        ArgumentNullException.ThrowIfNull(pins);
        _pins = pins;
        _dataPin = dataPin;
        _clockPin = clockPin;
    }

    protected override int PinCount => _pins.PinCount;

    /// <summary>
    /// Runs one read of the binding (<paramref name="read"/>) with its wait for DOUT bounded by
    /// <paramref name="deadline"/> (<see cref="PinClock"/> ticks) and <paramref name="cancellationToken"/>.
    /// </summary>
    public GuardedRead<T> RunGuarded<T>(Func<T> read, long deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        _guarded = true;
        _deadline = deadline;
        _cancellation = cancellationToken;
        _longestClockHigh = 0;
        _pulses = 0;
        _abandoned = false;
        try
        {
            var value = read();
            return new GuardedRead<T>(value, _abandoned, _pulses, TimeSpan.FromMicroseconds(PinClock.ToMicroseconds(_longestClockHigh)));
        }
        finally
        {
            _guarded = false;
            _cancellation = CancellationToken.None;
        }
    }

    protected override void OpenPin(int pinNumber) => _pins.OpenPin(pinNumber);

    protected override void ClosePin(int pinNumber)
    {
        // The header may be shared with other sensors: close only what this binding opened.
        if (_pins.IsPinOpen(pinNumber))
        {
            _pins.ClosePin(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => _pins.SetPinMode(pinNumber, mode);

    protected override PinMode GetPinMode(int pinNumber) => _pins.GetPinMode(pinNumber);

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => _pins.IsPinModeSupported(pinNumber, mode);

    protected override PinValue Read(int pinNumber)
    {
        var level = _pins.Read(pinNumber);
        if (pinNumber != _dataPin || !_waitingForReady || level == PinValue.Low)
        {
            return level;
        }

        // The binding is waiting for a conversion and would spin on this pin: wait here, asleep, instead.
        var deadline = _guarded ? _deadline : PinClock.Now + PinClock.From(UnguardedWaitLimit);
        while (true)
        {
            if (PinClock.Now >= deadline || _cancellation.IsCancellationRequested)
            {
                // Answering "ready" ends the binding's loop; its result is garbage and is thrown away.
                _abandoned = true;
                _waitingForReady = false;
                return PinValue.Low;
            }

            if (_cancellation.CanBeCanceled)
            {
                _cancellation.WaitHandle.WaitOne(PollInterval);
            }
            else
            {
                Thread.Sleep(PollInterval);
            }

            if (_pins.Read(pinNumber) == PinValue.Low)
            {
                return PinValue.Low;
            }
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        if (pinNumber != _clockPin)
        {
            _pins.Write(pinNumber, value);
            return;
        }

        if (value == PinValue.High)
        {
            _waitingForReady = false;
            _clockRoseAt = PinClock.Now;
            _pins.Write(pinNumber, value);
            _clockIsHigh = true;
            return;
        }

        _pins.Write(pinNumber, value);
        if (_clockIsHigh)
        {
            _clockIsHigh = false;
            _pulses++;
            _longestClockHigh = Math.Max(_longestClockHigh, PinClock.Now - _clockRoseAt);
        }
        else
        {
            // Low after low: the binding starts a read and next waits for DOUT.
            _waitingForReady = true;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        _pins.WaitForEvent(pinNumber, eventTypes, cancellationToken);

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        _pins.RegisterCallbackForPinValueChangedEvent(pinNumber, eventTypes, callback);

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        _pins.UnregisterCallbackForPinValueChangedEvent(pinNumber, callback);
}

/// <summary>What a guarded read of the binding returned and how it went on the wire.</summary>
/// <param name="Value">The binding's result; meaningless when <paramref name="Abandoned"/>.</param>
/// <param name="Abandoned">DOUT never fell before the deadline (or the read was cancelled): the binding was let go.</param>
/// <param name="ClockPulses">PD_SCK pulses sent: 25 to 27 for a complete read.</param>
/// <param name="LongestClockHigh">The longest PD_SCK high time, an upper bound; over 60 µs the chip powered down mid-read.</param>
internal readonly record struct GuardedRead<T>(T Value, bool Abandoned, int ClockPulses, TimeSpan LongestClockHigh);
