using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// An SDS011 at the far end of a serial line, for the agent's driver to talk to. From the factory it reports a data
/// frame every second (active mode, continuous working period); it obeys the control protocol's commands: reporting
/// mode (2), query data (4), sleep and work (6), firmware version (7) and working period (8), answering each setting
/// with its 0xC5 reply. Commands with a wrong checksum or tail, or for another device id, are ignored. While asleep
/// it answers only the sleep and work command.
/// </summary>
internal sealed class Sds011Emulator : EmulatedSerialDevice
{
    /// <summary>The data bytes the checksum covers and a line fault may flip.</summary>
    private static readonly Range FrameBody = new(2, 8);

    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);

    private readonly Sds011Scenario _scenario;
    private readonly ushort _deviceId;
    private Sds011ReportingMode _mode = Sds011ReportingMode.Active;
    private bool _working = true;
    private int _workingPeriodMinutes;
    private bool _frozen;
    private ParticulateLevels? _levelsOverride;
    private ParticulateLevels? _lastSent;

    public Sds011Emulator(Sds011Scenario scenario, TimeProvider timeProvider)
        : base(scenario, timeProvider)
    {
        _scenario = scenario;
        _deviceId = (ushort)scenario.DeviceId;
        TransmitEvery(ReportInterval);
    }

    public Sds011ReportingMode ReportingMode => WithLock(() => _mode);

    public bool Working => WithLock(() => _working);

    public int WorkingPeriodMinutes => WithLock(() => _workingPeriodMinutes);

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

    /// <summary>The 10-byte data frame for these levels, from the sensor with <paramref name="deviceId"/>; PM in tenths of µg/m³, low byte first.</summary>
    public static byte[] DataFrame(ParticulateLevels levels, ushort deviceId)
    {
        var pm25 = Tenths(levels.Pm25Ugm3);
        var pm10 = Tenths(levels.Pm10Ugm3);
        return Frame(Sds011Protocol.DataReply, [(byte)pm25, (byte)(pm25 >> 8), (byte)pm10, (byte)(pm10 >> 8), (byte)(deviceId >> 8), (byte)deviceId]);
    }

    protected override void OnScheduledTransmission(DateTimeOffset at)
    {
        if (_mode != Sds011ReportingMode.Active || !_working)
        {
            return;
        }

        // On a working period of n minutes the sensor reports once every n minutes (after its 30 s of work).
        var period = TimeSpan.FromMinutes(_workingPeriodMinutes);
        if (_workingPeriodMinutes == 0 || at.UtcTicks % period.Ticks < ReportInterval.Ticks)
        {
            SendData(at);
        }
    }

    protected override int OnHostData(ReadOnlySpan<byte> pending, DateTimeOffset now)
    {
        if (pending[0] != Sds011Protocol.Head || (pending.Length > 1 && pending[1] != Sds011Protocol.HostCommand))
        {
            return 1;
        }

        if (pending.Length < Sds011Protocol.CommandLength)
        {
            return 0;
        }

        var command = pending[..Sds011Protocol.CommandLength];
        var addressed = (ushort)((command[15] << 8) | command[16]);
        if (command[18] != Sds011Protocol.Tail || Sds011Protocol.Checksum(command[2..17]) != command[17])
        {
            return 1;
        }

        if (addressed != Sds011Protocol.AnyDevice && addressed != _deviceId)
        {
            return Sds011Protocol.CommandLength;
        }

        Obey(command[2], command[3] == Sds011Protocol.Set, command[4], now);
        return Sds011Protocol.CommandLength;
    }

    private void Obey(byte code, bool set, byte value, DateTimeOffset now)
    {
        if (!_working && code != Sds011Protocol.SleepWork)
        {
            RecordCommand($"ignored while asleep: {code}");
            return;
        }

        switch (code)
        {
            case Sds011Protocol.ReportingMode:
                if (set)
                {
                    _mode = value == 0 ? Sds011ReportingMode.Active : Sds011ReportingMode.Query;
                }

                RecordCommand(set ? $"reporting mode {_mode}" : "reporting mode?");
                Reply(code, set, (byte)_mode);
                break;

            case Sds011Protocol.QueryData:
                RecordCommand("query");
                SendData(now);
                break;

            case Sds011Protocol.SleepWork:
                if (set)
                {
                    _working = value == 1;
                }

                RecordCommand(set ? (_working ? "work" : "sleep") : "working?");
                Reply(code, set, _working ? (byte)1 : (byte)0);
                break;

            case Sds011Protocol.WorkingPeriod:
                if (set && value <= 30)
                {
                    _workingPeriodMinutes = value;
                }

                RecordCommand(set ? $"working period {_workingPeriodMinutes}" : "working period?");
                Reply(code, set, (byte)_workingPeriodMinutes);
                break;

            case 7:
                // Firmware version: year, month, day.
                RecordCommand("firmware?");
                TransmitRaw(Frame(Sds011Protocol.CommandReply, [7, 18, 11, 16, (byte)(_deviceId >> 8), (byte)_deviceId]));
                break;

            default:
                RecordCommand($"unknown {code}");
                break;
        }
    }

    private static int Tenths(double ugm3) => (int)Math.Clamp(Math.Round(ugm3 * 10), 0, 9999);

    private static byte[] Frame(byte commandId, ReadOnlySpan<byte> data)
    {
        var frame = new byte[Sds011Protocol.FrameLength];
        frame[0] = Sds011Protocol.Head;
        frame[1] = commandId;
        data.CopyTo(frame.AsSpan(2));
        frame[8] = Sds011Protocol.Checksum(frame.AsSpan(2, 6));
        frame[9] = Sds011Protocol.Tail;
        return frame;
    }

    private void SendData(DateTimeOffset at)
    {
        var levels = _frozen && _lastSent is { } last ? last : _levelsOverride ?? _scenario.LevelsAt(at);
        _lastSent = levels;
        TransmitFrame(DataFrame(levels, _deviceId), FrameBody);
    }

    private void Reply(byte code, bool set, byte value) =>
        TransmitRaw(Frame(Sds011Protocol.CommandReply, [code, set ? (byte)1 : (byte)0, value, 0, (byte)(_deviceId >> 8), (byte)_deviceId]));
}
