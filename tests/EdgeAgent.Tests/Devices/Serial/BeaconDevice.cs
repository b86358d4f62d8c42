using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

/// <summary>Line faults only: a scenario with no values of its own.</summary>
internal sealed class BeaconScenario : SerialDeviceScenario;

/// <summary>
/// The smallest emulated serial device: every <see cref="Period"/> it sends "&lt;n&gt;" with the frame's number,
/// and it hears commands written as text lines ("PING\n" makes it answer "PONG\n").
/// </summary>
internal sealed class BeaconDevice : EmulatedSerialDevice
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly List<DateTimeOffset> _sentAt = [];
    private int _number;

    public BeaconDevice(TimeProvider timeProvider, BeaconScenario? scenario = null)
        : base(scenario ?? new BeaconScenario(), timeProvider)
    {
        TransmitEvery(Period);
    }

    /// <summary>The instants the scheduled frames were due, in order.</summary>
    public IReadOnlyList<DateTimeOffset> SentAt => WithLock(() => _sentAt.ToList());

    /// <summary>The frame with number <paramref name="number"/>, as sent.</summary>
    public static byte[] Frame(int number) => System.Text.Encoding.ASCII.GetBytes($"<{number}>");

    protected override void OnScheduledTransmission(DateTimeOffset at)
    {
        _sentAt.Add(at);
        var frame = Frame(++_number);
        TransmitFrame(frame, new Range(1, frame.Length - 1));
    }

    protected override int OnHostData(ReadOnlySpan<byte> pending, DateTimeOffset now)
    {
        var end = pending.IndexOf((byte)'\n');
        if (end < 0)
        {
            return 0;
        }

        var command = System.Text.Encoding.ASCII.GetString(pending[..end]);
        RecordCommand(command);
        if (command == "PING")
        {
            TransmitRaw("PONG\n"u8);
        }

        return end + 1;
    }
}
