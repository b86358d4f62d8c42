using System.Device.Gpio;
using System.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>
/// The emulated header as a binding sees it, timing every clock pulse the binding sends (from before its rising write
/// to after its falling one), so a test can tell a read corrupted by a preempted test thread from a wrong result.
/// </summary>
internal sealed class ClockTimingController(GpioDriver header, int clockPin) : GpioController(header)
{
    private long _roseAt;
    private bool _high;

    /// <summary>The longest the clock was held high so far: over 60 µs the chip powered down.</summary>
    public TimeSpan LongestClockHigh { get; private set; }

    public override void Write(int pinNumber, PinValue value)
    {
        if (pinNumber != clockPin)
        {
            base.Write(pinNumber, value);
            return;
        }

        if (value == PinValue.High)
        {
            _roseAt = Stopwatch.GetTimestamp();
            base.Write(pinNumber, value);
            _high = true;
            return;
        }

        base.Write(pinNumber, value);
        if (_high)
        {
            _high = false;
            var held = Stopwatch.GetElapsedTime(_roseAt);
            if (held > LongestClockHigh)
            {
                LongestClockHigh = held;
            }
        }
    }
}
