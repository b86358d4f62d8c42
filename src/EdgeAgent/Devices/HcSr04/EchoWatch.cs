using System.Device.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary>
/// Passes the HC-SR04 binding's pin calls through to the header and watches its reads of Echo during a ping, for
/// what the binding cannot say:
/// <list type="bullet">
/// <item>whether Echo rose at all, and whether it was watched closely enough for that to mean anything, to tell a
/// missing module from a ping whose echo came back too late, or passed while the thread was stalled;</item>
/// <item>how well the echo was timed. The binding starts its stopwatch when its loop first sees Echo high and stops it
/// when the loop first sees it low: a thread preempted around either edge reads long or short. Each read here is
/// stamped before and after, which brackets each edge between two reads; narrow brackets time the echo to about half
/// a centimetre whatever the binding's stopwatch says, wide ones mean the ping cannot be trusted.</item>
/// </list>
/// </summary>
internal sealed class EchoWatch : GpioDriver
{
    /// <summary>The widest an edge may be bracketed for a trusted ping: 30 µs is about 0.5 cm.</summary>
    public static readonly TimeSpan MaxEdgeUncertainty = TimeSpan.FromMicroseconds(30);

    private readonly GpioController _pins;
    private readonly int _echoPin;

    private long _lastLowStartedAt;
    private long _riseWindowStart;
    private long _riseWindowEnd;
    private long _lastHighStartedAt;
    private long _fallWindowStart;
    private long _fallWindowEnd;
    private long _firstReadStartedAt;
    private long _lastReadEndedAt;
    private long _longestGap;
    private bool _echoSeenHigh;

    public EchoWatch(GpioController pins, int echoPin)
    {
        ArgumentNullException.ThrowIfNull(pins);
        _pins = pins;
        _echoPin = echoPin;
    }

    /// <summary>Whether Echo read high since the last <see cref="Restart"/>.</summary>
    public bool EchoSeenHigh => Volatile.Read(ref _echoSeenHigh);

    /// <summary>
    /// The longest time between two reads of Echo since the last <see cref="Restart"/>: an echo shorter than this may
    /// have come and gone unseen while the binding's thread was stalled.
    /// </summary>
    public TimeSpan LongestGap => Duration(_longestGap);

    /// <summary>From the first to the last read of Echo since the last <see cref="Restart"/>.</summary>
    public TimeSpan WatchedFor => _firstReadStartedAt == 0 ? TimeSpan.Zero : Duration(_lastReadEndedAt - _firstReadStartedAt);

    /// <summary>
    /// The echo of the last ping as the reads bracket it, once Echo has risen and fallen: the width (midway between
    /// the shortest and longest the brackets allow) and how far either way the true width may lie.
    /// </summary>
    public EchoTiming? LastEcho
    {
        get
        {
            if (_riseWindowStart == 0 || _riseWindowEnd == 0 || _fallWindowEnd == 0)
            {
                return null;
            }

            var shortest = _fallWindowStart - _riseWindowEnd;
            var longest = _fallWindowEnd - _riseWindowStart;
            return new EchoTiming(Duration((shortest + longest) / 2), Duration((longest - shortest) / 2));
        }
    }

    protected override int PinCount => _pins.PinCount;

    /// <summary>Starts watching a new ping.</summary>
    public void Restart()
    {
        _lastLowStartedAt = 0;
        _riseWindowStart = 0;
        _riseWindowEnd = 0;
        _lastHighStartedAt = 0;
        _fallWindowStart = 0;
        _fallWindowEnd = 0;
        _firstReadStartedAt = 0;
        _lastReadEndedAt = 0;
        _longestGap = 0;
        Volatile.Write(ref _echoSeenHigh, false);
    }

    /// <summary>
    /// Whether the binding's echo width of the last ping can be trusted as it is: both edges bracketed within
    /// <see cref="MaxEdgeUncertainty"/>, and <paramref name="bindingWidth"/> what its loop exits give (its stopwatch
    /// starts right after the read that saw the rise and stops right after the read that saw the fall).
    /// </summary>
    public bool TimedCleanly(TimeSpan bindingWidth) =>
        LastEcho is { IsPrecise: true } echo && (bindingWidth - echo.Width).Duration() <= MaxEdgeUncertainty;

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
        if (pinNumber != _echoPin)
        {
            return _pins.Read(pinNumber);
        }

        var before = PinClock.Now;
        var level = _pins.Read(pinNumber);
        var after = PinClock.Now;
        if (_lastReadEndedAt != 0)
        {
            _longestGap = Math.Max(_longestGap, before - _lastReadEndedAt);
        }
        else
        {
            _firstReadStartedAt = before;
        }

        _lastReadEndedAt = after;
        if (level == PinValue.High)
        {
            if (!_echoSeenHigh)
            {
                // The rise happened after the last low read began and before this read ended.
                _riseWindowStart = _lastLowStartedAt;
                _riseWindowEnd = after;
                Volatile.Write(ref _echoSeenHigh, true);
            }

            _lastHighStartedAt = before;
        }
        else if (!_echoSeenHigh)
        {
            _lastLowStartedAt = before;
        }
        else if (_fallWindowEnd == 0)
        {
            _fallWindowStart = _lastHighStartedAt;
            _fallWindowEnd = after;
        }

        return level;
    }

    protected override void Write(int pinNumber, PinValue value) => _pins.Write(pinNumber, value);

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        _pins.WaitForEvent(pinNumber, eventTypes, cancellationToken);

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        _pins.RegisterCallbackForPinValueChangedEvent(pinNumber, eventTypes, callback);

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        _pins.UnregisterCallbackForPinValueChangedEvent(pinNumber, callback);

    private static TimeSpan Duration(long ticks) => TimeSpan.FromMicroseconds(PinClock.ToMicroseconds(ticks));
}

/// <summary>An echo pulse as bracketed by reads of the pin: its width, give or take <paramref name="Uncertainty"/>.</summary>
internal readonly record struct EchoTiming(TimeSpan Width, TimeSpan Uncertainty)
{
    /// <summary>Both edges bracketed within <see cref="EchoWatch.MaxEdgeUncertainty"/>: the width is good to about 0.5 cm.</summary>
    public bool IsPrecise => Uncertainty <= EchoWatch.MaxEdgeUncertainty;
}
