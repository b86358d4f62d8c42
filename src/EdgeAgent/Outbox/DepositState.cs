namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>Where a recorded deposit is on its way to the city (the kiosk shows this to the operator).</summary>
public enum DepositState
{
    /// <summary>Recorded on the device; not yet taken by the broker.</summary>
    Waiting = 0,

    /// <summary>The broker took it; the city has not yet said it is stored.</summary>
    Sent = 1,

    /// <summary>The city acknowledged it: stored in InfluxDB.</summary>
    Stored = 2,

    /// <summary>The city refused it for good (kept there for inspection); the operator must be told.</summary>
    Refused = 3,
}
