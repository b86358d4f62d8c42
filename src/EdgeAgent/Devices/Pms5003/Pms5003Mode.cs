namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>How the PMS5003 sends its data.</summary>
internal enum Pms5003Mode
{
    /// <summary>A frame on request only (command 0xE2).</summary>
    Passive = 0,

    /// <summary>Frames on its own, every 2.3 s while levels are steady and every 0.2–0.8 s while they change: the mode after power-up.</summary>
    Active = 1,
}
