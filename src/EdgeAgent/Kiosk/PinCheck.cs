namespace Pontive.Iot.EdgeAgent.Kiosk;

public enum PinCheckResult
{
    Accepted,
    Wrong,
    Locked,
    UnknownOperator,
}

/// <summary>The outcome of a sign-in attempt; <see cref="LockedUntil"/> when too many wrong PINs came in a row.</summary>
public sealed record PinCheck(PinCheckResult Result, DateTimeOffset? LockedUntil = null);
