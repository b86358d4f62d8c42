using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Configuration;

/// <summary>
/// Section <c>FaultInjection</c>: for the fault tests only, never in production. Lets a test kill Ingest at the one
/// moment that cannot be hit from outside: after InfluxDB accepted a batch, before the messages are acknowledged.
/// </summary>
public sealed class FaultInjectionOptions
{
    public const string Section = "FaultInjection";

    /// <summary>When above 0: after this many successful writes the process kills itself (SIGKILL) before acknowledging them.</summary>
    [Range(0, int.MaxValue)]
    public int KillAfterWrites { get; set; }
}
