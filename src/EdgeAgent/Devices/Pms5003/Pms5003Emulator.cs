using System.Buffers.Binary;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// A PMS5003 at the far end of a serial line, for the agent's driver to talk to. After power-up it streams a data
/// frame every <see cref="Pms5003Scenario.ActiveModeInterval"/> (active mode); it obeys the data manual's commands:
/// change mode (0xE1), read in passive mode (0xE2), sleep and wake up (0xE4), and answers mode and sleep commands
/// with the 8-byte reply real units send. Commands with a bad checksum are ignored, as by the sensor.
/// </summary>
internal sealed class Pms5003Emulator : EmulatedSerialDevice
{
    /// <summary>The data bytes a checksum covers and a line fault may flip: data 1 to data 13.</summary>
    private static readonly Range FrameBody = new(Pms5003Protocol.HeaderLength, Pms5003Protocol.DataFrameLength - 2);

    private readonly Pms5003Scenario _scenario;
    private Pms5003Mode _mode = Pms5003Mode.Active;
    private bool _asleep;
    private bool _frozen;
    private ParticulateLevels? _levelsOverride;
    private ParticulateLevels? _lastSent;

    public Pms5003Emulator(Pms5003Scenario scenario, TimeProvider timeProvider)
        : base(scenario, timeProvider)
    {
        _scenario = scenario;
        TransmitEvery(scenario.ActiveModeInterval);
    }

    public Pms5003Mode Mode => WithLock(() => _mode);

    public bool Asleep => WithLock(() => _asleep);

    /// <summary>When set, frames report these levels instead of the scenario's.</summary>
    public ParticulateLevels? LevelsOverride
    {
        get => WithLock(() => _levelsOverride);
        set => WithLock(() => _levelsOverride = value);
    }

    /// <summary>The sensor keeps sending the levels of its last frame, whatever the air does (a stuck sensor).</summary>
    public bool MeasurementsFrozen
    {
        get => WithLock(() => _frozen);
        set => WithLock(() => _frozen = value);
    }

    /// <summary>
    /// The 32-byte data frame for these levels, laid out as in the data manual's appendix I. The CF=1 values equal the
    /// atmospheric ones up to 30 µg/m³ and grow faster beyond, roughly as on real units; particle counts follow PM2.5.
    /// </summary>
    public static byte[] DataFrame(ParticulateLevels levels)
    {
        var frame = new byte[Pms5003Protocol.DataFrameLength];
        frame[0] = Pms5003Protocol.StartByte1;
        frame[1] = Pms5003Protocol.StartByte2;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), Pms5003Protocol.DataLengthField);

        var atmospheric = new[] { levels.Pm1Ugm3, levels.Pm25Ugm3, levels.Pm10Ugm3 };
        var pm25 = levels.Pm25Ugm3;
        var words = new List<double>(13);
        words.AddRange(atmospheric.Select(Standard));
        words.AddRange(atmospheric);
        words.AddRange([pm25 * 150, pm25 * 45, pm25 * 8, pm25, pm25 * 0.3, pm25 * 0.1]);
        words.Add(0x9700); // Data 13: version 0x97, error code 0.

        for (var i = 0; i < words.Count; i++)
        {
            var word = (ushort)Math.Clamp(Math.Round(words[i]), 0, ushort.MaxValue);
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(4 + (2 * i)), word);
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(30), Pms5003Protocol.Checksum(frame.AsSpan(0, 30)));
        return frame;
    }

    protected override void OnScheduledTransmission(DateTimeOffset at)
    {
        if (_mode == Pms5003Mode.Active && !_asleep)
        {
            SendData(at);
        }
    }

    protected override int OnHostData(ReadOnlySpan<byte> pending, DateTimeOffset now)
    {
        if (pending[0] != Pms5003Protocol.StartByte1 || (pending.Length > 1 && pending[1] != Pms5003Protocol.StartByte2))
        {
            return 1;
        }

        if (pending.Length < Pms5003Protocol.CommandLength)
        {
            return 0;
        }

        var command = pending[..Pms5003Protocol.CommandLength];
        if (Pms5003Protocol.Checksum(command[..5]) != BinaryPrimitives.ReadUInt16BigEndian(command[5..]))
        {
            return 1;
        }

        var code = command[2];
        var data = BinaryPrimitives.ReadUInt16BigEndian(command[3..]);
        switch (code)
        {
            case Pms5003Protocol.ReadInPassiveMode:
                RecordCommand("read");
                if (_mode == Pms5003Mode.Passive && !_asleep)
                {
                    SendData(now);
                }

                break;

            case Pms5003Protocol.ChangeMode when !_asleep:
                _mode = data == 0 ? Pms5003Mode.Passive : Pms5003Mode.Active;
                RecordCommand(_mode == Pms5003Mode.Passive ? "passive" : "active");
                Reply(code, (byte)data);
                break;

            case Pms5003Protocol.SleepSet when data == 0:
                RecordCommand("sleep");
                if (!_asleep)
                {
                    Reply(code, 0);
                    _asleep = true;
                }

                break;

            case Pms5003Protocol.SleepSet:
                RecordCommand("wake");
                _asleep = false;
                break;

            default:
                RecordCommand($"unknown 0x{code:X2}");
                break;
        }

        return Pms5003Protocol.CommandLength;
    }

    private static double Standard(double atmospheric) => atmospheric <= 30 ? atmospheric : 30 + ((atmospheric - 30) * 1.5);

    private void SendData(DateTimeOffset at)
    {
        var levels = _frozen && _lastSent is { } last ? last : _levelsOverride ?? _scenario.LevelsAt(at);
        _lastSent = levels;
        TransmitFrame(DataFrame(levels), FrameBody);
    }

    private void Reply(byte command, byte data)
    {
        var reply = new byte[8];
        reply[0] = Pms5003Protocol.StartByte1;
        reply[1] = Pms5003Protocol.StartByte2;
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(2), Pms5003Protocol.ReplyLengthField);
        reply[4] = command;
        reply[5] = data;
        BinaryPrimitives.WriteUInt16BigEndian(reply.AsSpan(6), Pms5003Protocol.Checksum(reply.AsSpan(0, 6)));
        TransmitRaw(reply);
    }
}
