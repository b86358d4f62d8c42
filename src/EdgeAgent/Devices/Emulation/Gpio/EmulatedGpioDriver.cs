using System.Device.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

/// <summary>
/// The Pi's GPIO header with emulated parts wired to it, behind <c>new GpioController(driver)</c>, so a binding
/// drives the same pins it drives on a Raspberry Pi. Pin modes are tracked as on the real chip: a pin is an input
/// until set to output, <see cref="GpioController.Write(int, PinValue)"/> reaches only output pins (the controller
/// drops the rest), and an input reads the level its part drives or, when nothing drives it, the Pi's pull.
/// </summary>
/// <remarks>
/// Edges reach a part the moment the host writes them, stamped with <see cref="PinClock"/> ticks, so pulse widths are
/// the real ones the binding produced. Reading a pin asks its part for the level at that instant: nothing runs in the
/// background, and a binding that polls a pin costs what its own loop costs, no more.
/// Event callbacks are not offered: none of the bindings used here register them.
/// </remarks>
internal sealed class EmulatedGpioDriver : GpioDriver
{
    /// <summary>BCM 0–27: the GPIOs on the 40-pin header.</summary>
    public const int HeaderPinCount = 28;

    private static readonly TimeSpan EventPollInterval = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly PinState[] _pins = new PinState[HeaderPinCount];
    private readonly EmulatedGpioPart?[] _wiring = new EmulatedGpioPart?[HeaderPinCount];

    public EmulatedGpioDriver(params IEnumerable<EmulatedGpioPart> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        Parts = [.. parts];
        foreach (var part in Parts)
        {
            foreach (var pin in part.Pins)
            {
                CheckPinNumber(pin);
                if (_wiring[pin] is { } other)
                {
                    throw new ArgumentException(
                        $"GPIO{pin} is wired to both {other.GetType().Name} and {part.GetType().Name}.", nameof(parts));
                }

                _wiring[pin] = part;
            }
        }

        // Before the host opens anything, every line sits at its pull level: a part starts from what it would see
        // on a Pi that has just booted (an HX711's clock pulled high keeps it powered down until the host drives it low).
        var now = PinClock.Now;
        for (var pin = 0; pin < HeaderPinCount; pin++)
        {
            _wiring[pin]?.OnHostEdge(pin, HostSideLevel(pin), now);
        }
    }

    public IReadOnlyList<EmulatedGpioPart> Parts { get; }

    protected override int PinCount => HeaderPinCount;

    /// <summary>The one part of type <typeparamref name="T"/> on this header (tests reach emulators through this).</summary>
    public T Part<T>()
        where T : EmulatedGpioPart =>
        Parts.OfType<T>().SingleOrDefault()
        ?? throw new InvalidOperationException($"No {typeof(T).Name} is wired to this emulated header.");

    /// <summary>The mode the host last set on <paramref name="pin"/>, or null while the pin is closed.</summary>
    public PinMode? ModeOf(int pin)
    {
        CheckPinNumber(pin);
        lock (_gate)
        {
            return _pins[pin].Open ? _pins[pin].Mode : null;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        CheckPinNumber(pinNumber);
        lock (_gate)
        {
            // Opening keeps the line as it was; a fresh line is an input.
            _pins[pinNumber].Open = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        CheckPinNumber(pinNumber);
        lock (_gate)
        {
            // Releasing a line keeps its direction and level, as the Pi's GPIO block does.
            _pins[pinNumber].Open = false;
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => SetPinMode(pinNumber, mode, PinValue.Low);

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        lock (_gate)
        {
            ThrowIfClosed(pinNumber);
            SetMode(pinNumber, mode, initialValue);
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            ThrowIfClosed(pinNumber);
            return _pins[pinNumber].Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        pinNumber is >= 0 and < HeaderPinCount && Enum.IsDefined(mode);

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            ThrowIfClosed(pinNumber);
            return LevelOf(pinNumber, PinClock.Now);
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            ThrowIfClosed(pinNumber);
            ref var pin = ref _pins[pinNumber];

            // An input is not driven by the host, whatever it writes (GpioController already drops such writes).
            if (pin.Mode != PinMode.Output || pin.Driven == value)
            {
                return;
            }

            pin.Driven = value;
            _wiring[pinNumber]?.OnHostEdge(pinNumber, value, PinClock.Now);
        }
    }

    /// <summary>Watches the pin's level at a millisecond's interval: enough for slow signals, not for pulse timing.</summary>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        var last = Read(pinNumber);
        while (!cancellationToken.IsCancellationRequested)
        {
            cancellationToken.WaitHandle.WaitOne(EventPollInterval);
            var level = Read(pinNumber);
            if (level == last)
            {
                continue;
            }

            var edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            if ((eventTypes & edge) != 0)
            {
                return new WaitForEventResult { EventTypes = edge, TimedOut = false };
            }

            last = level;
        }

        return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("The emulated GPIO header does not raise pin-change callbacks; no binding used here needs them.");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("The emulated GPIO header does not raise pin-change callbacks; no binding used here needs them.");

    private static void CheckPinNumber(int pinNumber)
    {
        if (pinNumber is < 0 or >= HeaderPinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"The Pi's header has GPIO0 to GPIO{HeaderPinCount - 1}.");
        }
    }

    private void ThrowIfClosed(int pinNumber)
    {
        CheckPinNumber(pinNumber);
        if (!_pins[pinNumber].Open)
        {
            throw new InvalidOperationException($"GPIO{pinNumber} is not open.");
        }
    }

    private void SetMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        ref var pin = ref _pins[pinNumber];
        var before = HostSideLevel(pinNumber);
        pin.Mode = mode;
        pin.Driven = mode == PinMode.Output ? initialValue : PinValue.Low;

        // Starting or stopping to drive a line is an edge for the part when the level it sees changes.
        var after = HostSideLevel(pinNumber);
        if (after != before)
        {
            _wiring[pinNumber]?.OnHostEdge(pinNumber, after, PinClock.Now);
        }
    }

    /// <summary>The level the host side puts on a line: what it drives, or the Pi's pull when it drives nothing.</summary>
    private PinValue HostSideLevel(int pinNumber)
    {
        var pin = _pins[pinNumber];
        return pin.Mode == PinMode.Output ? pin.Driven : HeaderPulls.UndrivenLevel(pinNumber, pin.Mode);
    }

    private PinValue LevelOf(int pinNumber, long timestamp)
    {
        var pin = _pins[pinNumber];
        if (pin.Mode == PinMode.Output)
        {
            return pin.Driven;
        }

        return _wiring[pinNumber]?.DrivenLevel(pinNumber, timestamp) ?? HeaderPulls.UndrivenLevel(pinNumber, pin.Mode);
    }

    private struct PinState
    {
        public bool Open;
        public PinMode Mode;
        public PinValue Driven;
    }
}
