namespace Pontive.Iot.Bench.Backlog;

/// <summary>What one drain took: building the backlog, then emptying it.</summary>
internal sealed record DrainMeasurement(
    string Name,
    long Messages,
    TimeSpan QueueTime,
    TimeSpan DrainTime,
    CpuUse Cpu)
{
    public double QueueRate => Messages / QueueTime.TotalSeconds;

    public double MessageRate => Messages / DrainTime.TotalSeconds;
}
