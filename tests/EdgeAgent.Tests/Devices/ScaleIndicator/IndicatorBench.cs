using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>
/// A scale-indicator entry run by the agent's driver against the emulated indicator, stepped one frame at a time:
/// each step moves the clock by one frame period and waits until the sensor has handled that frame.
/// </summary>
internal sealed class IndicatorBench : IDisposable
{
    /// <summary>The emulated indicator's default output rate: 10 frames a second.</summary>
    public static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(100);

    private readonly SerialSensorBench _bench;

    public IndicatorBench(params (string Key, string? Value)[] settings)
    {
        _bench = new SerialSensorBench(Entry(settings));
        Sensor = (ScaleIndicatorSensor)_bench.CreateSensor();
        Emulator = _bench.Emulator<ScaleIndicatorEmulator>();
    }

    public static DateTimeOffset Start => SerialSensorBench.Start;

    /// <summary>
    /// A deposit cycle that is quick to step through: empty for 2 s, a 12.35 kg bag (no spread) lands at 2 s and rings
    /// for 1.5 s, rests until 6.5 s, and is taken off.
    /// </summary>
    public static readonly (string, string?)[] QuickDeposits =
    [
        ("Emulation:Anchor", "2026-02-10T01:00:00+00:00"),
        ("Emulation:EmptyFor", "00:00:02"),
        ("Emulation:SettleFor", "00:00:01.5"),
        ("Emulation:HoldFor", "00:00:03"),
        ("Emulation:BagMassSpreadKg", "0"),
    ];

    public ScaleIndicatorSensor Sensor { get; }

    public ScaleIndicatorEmulator Emulator { get; }

    public FakeTimeProvider Clock => _bench.Clock;

    public static Dictionary<string, string?> Entry(params (string Key, string? Value)[] settings) => SensorEntry.Create(
        [
            ("Id", "scale-1"),
            ("Kind", "scale"),
            ("Driver", "scale-indicator"),
            ("SerialPort", "/dev/ttyUSB0"),
            ("BaudRate", "9600"),
            ("Calibration:Id", "2026-03-14"),
        ],
        settings);

    /// <summary>Moves the clock by one frame period and returns what the sensor made of that frame (null: not passed on).</summary>
    public async Task<IndicatorObservation?> StepAsync()
    {
        var handled = Sensor.WhenNextFrameHandled();
        Clock.Advance(FramePeriod);
        return await handled;
    }

    /// <summary>Steps <paramref name="frames"/> frames and returns the observations passed on.</summary>
    public async Task<List<IndicatorObservation>> StepAsync(int frames)
    {
        var observations = new List<IndicatorObservation>();
        for (var i = 0; i < frames; i++)
        {
            if (await StepAsync() is { } observation)
            {
                observations.Add(observation);
            }
        }

        return observations;
    }

    /// <summary>
    /// Steps <paramref name="frames"/> frame periods on a line where frames may be lost (a rejected frame is never
    /// handled): each step waits until the sensor's reading loop is idle again. Returns every observation made.
    /// </summary>
    public async Task<List<IndicatorObservation?>> StepThroughNoiseAsync(int frames)
    {
        var observations = new System.Collections.Concurrent.ConcurrentQueue<IndicatorObservation?>();
        void Record(IndicatorObservation? observation) => observations.Enqueue(observation);
        Sensor.FrameHandled += Record;
        try
        {
            for (var i = 0; i < frames; i++)
            {
                var idle = Emulator.WhenReaderWaits();
                Clock.Advance(FramePeriod);
                await idle;
            }
        }
        finally
        {
            Sensor.FrameHandled -= Record;
        }

        return [.. observations];
    }

    /// <summary>Reads through <see cref="IScale.ReadAsync"/>, stepping frames until the read is answered.</summary>
    public async Task<ScaleSample> ReadAsync()
    {
        var read = ((IScale)Sensor).ReadAsync(CancellationToken.None).AsTask();
        for (var i = 0; i < 10; i++)
        {
            if (await StepAsync() is not null)
            {
                return await read;
            }
        }

        throw new InvalidOperationException("Ten frames in a row were held back.");
    }

    /// <summary>
    /// Steps frames until <paramref name="task"/> (a tare) has finished, at most <paramref name="maxFrames"/>. After a
    /// frame that reached the task, the clock waits until the task has either finished or is waiting again, so time
    /// never runs ahead of it.
    /// </summary>
    public async Task StepUntilAsync(Task task, int maxFrames = 100)
    {
        for (var i = 0; i < maxFrames && !task.IsCompleted; i++)
        {
            if (await StepAsync() is not null)
            {
                await Task.WhenAny(task, Sensor.WhenReaderWaits());
            }
        }
    }

    public void Dispose() => _bench.Dispose();
}
