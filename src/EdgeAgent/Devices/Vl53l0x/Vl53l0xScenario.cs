using Pontive.Iot.EdgeAgent.Devices.FillLevel;

namespace Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

/// <summary>
/// A bin's day as an emulated VL53L0X under its lid sees it (<see cref="BinFillScenario"/>), and the chip's bus
/// faults; bound from the entry's "Emulation" section. A bin deeper than the chip reaches reads as no target.
/// </summary>
internal sealed class Vl53l0xScenario : BinFillScenario
{
    /// <summary>The VL53L0X is missing from the bus when the agent starts.</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>Start of a window in which every transfer fails (unplugged); without <see cref="FailUntil"/> it never comes back.</summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the failure window; without <see cref="FailFrom"/> it starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    /// <summary>Start of a window in which the result registers keep their last values (a stuck reading).</summary>
    public DateTimeOffset? StuckFrom { get; set; }

    /// <summary>End (exclusive) of the stuck window.</summary>
    public DateTimeOffset? StuckUntil { get; set; }
}
