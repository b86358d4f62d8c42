namespace Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;

/// <summary>
/// Tests whose pass depends on real pin timing with nothing else running in this process: the bindings unguarded
/// (an HX711 clock pulse preempted past 60 µs corrupts the read, as on a Pi) and the HC-SR04's echo timing. They run
/// one at a time, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PinTimingTestGroup
{
    public const string Name = "Pin timing";
}
