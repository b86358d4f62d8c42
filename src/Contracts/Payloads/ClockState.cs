namespace Pontive.Iot.Contracts.Payloads;

/// <summary>Whether a device trusted its clock when it took a time (a Raspberry Pi has no real-time clock).</summary>
public static class ClockState
{
    public const string Synced = "synced";
    public const string Unsynced = "unsynced";

    public static bool IsKnown(string? value) => value is Synced or Unsynced;
}
