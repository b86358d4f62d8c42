using System.Device.Gpio;
using System.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>
/// A controller on the emulated header whose thread "is preempted" right after raising the clock on a chosen pulse:
/// it busy-waits there, so the clock really stays high that long, as when the scheduler or a garbage collection
/// takes the CPU away from a binding in the middle of a read on a Pi.
/// </summary>
internal sealed class StallingGpioController(GpioDriver header, int clockPin) : GpioController(header)
{
    private int _stallAtPulse;
    private TimeSpan _stall;
    private int _pulses;

    /// <summary>From now, the <paramref name="pulse"/>th rising edge of the clock is held high for <paramref name="stall"/>.</summary>
    public void StallClockHigh(int pulse, TimeSpan stall)
    {
        _stallAtPulse = pulse;
        _stall = stall;
        _pulses = 0;
    }

    public override void Write(int pinNumber, PinValue value)
    {
        base.Write(pinNumber, value);
        if (pinNumber != clockPin || value != PinValue.High || _stallAtPulse == 0 || ++_pulses != _stallAtPulse)
        {
            return;
        }

        _stallAtPulse = 0;
        var until = Stopwatch.GetTimestamp() + (long)(_stall.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(10);
        }
    }
}
