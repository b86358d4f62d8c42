using System.Device.I2c;
using System.Numerics;
using Pontive.Iot.EdgeAgent.Devices.Emulation;
using static Pontive.Iot.EdgeAgent.Devices.Vl53l0x.Vl53l0xRegisters;

namespace Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

/// <summary>
/// A VL53L0X at register level, enough of it for the real <c>Iot.Device.Vl53L0X</c> driver's long start-up and its
/// single-shot and continuous ranging to run unchanged. The distance to the target comes from the scenario.
/// </summary>
/// <remarks>
/// What is modelled, and why:
/// <list type="bullet">
/// <item>Pages (0xFF): the start-up writes to the same addresses on pages 0, 1, 6 and 7 and reads some back, so
/// each page keeps its own bytes.</item>
/// <item>Identity: model id 0xC0 = 0xEE, revision 0xC2 = 0x10 (the sensor checks them before the driver starts).</item>
/// <item>Stop variable (page 1, 0x91): read at start-up and written back before each measurement.</item>
/// <item>NVM read-out (page 7: item at 0x94, strobe 0x83, word at 0x90): module id, product id, part UID and the
/// reference SPAD count and type, which decide the SPAD map the driver writes.</item>
/// <item>Reference SPAD map (0xB0..0xB5): holds the factory map; what the driver writes back is kept and checkable.</item>
/// <item>SYSRANGE_START (0x00): bit 0 starts a calibration (when the sequence config 0x01 holds only the VHV or
/// phase step) or a ranging; 0x02 ranges back to back. Bit 0 reads back cleared, as the chip clears it on starting.</item>
/// <item>Interrupt status (0x13) reads 0x04 (new sample ready) when a measurement is done, until the host writes
/// SYSTEM_INTERRUPT_CLEAR (0x0B); in continuous mode the next measurement is done at the next status read.</item>
/// <item>Results: range status (0x14, device error in bits 6..3: 11 = range complete, 4 = no target) and range in
/// millimetres (0x1E), 8190 with no target. A target is found out to 1.2 m at the default signal-rate limit
/// (0x44 = 0.25 MCPS) and 2 m at 0.1 MCPS (the driver's long-range precision), the datasheet's indoor figures.</item>
/// <item>Soft reset (0xBF): writing 0 puts every register back to its power-on value; the model id reads 0 until
/// 1 is written, as ST's API waits for.</item>
/// </list>
/// Measurements finish at once: the driver polls with a stopwatch, which a fake clock would never let run out,
/// and nothing it does depends on the 33 ms a real ranging takes. Not modelled: the timing budget and VCSEL
/// periods (stored, no effect), timed mode's period, the GPIO pin, the address change (0x8A), the other result
/// registers (signal and ambient rates, which read 0) and anything inside the 3 cm blind zone.
/// </remarks>
internal sealed class Vl53l0xEmulator : RegisterMapI2cDevice
{
    /// <summary>The only address at power-on; the driver can move it, but the chip forgets at the next power cycle.</summary>
    public const int DefaultAddress = 0x29;

    /// <summary>Range with no target beyond it, at the default and at the long-range signal-rate limit (datasheet, indoor, white target).</summary>
    public const double DefaultRangeCm = 120;
    public const double LongRangeCm = 200;

    private const int PageCount = 256;

    private readonly Vl53l0xScenario _scenario;
    private readonly Dictionary<byte, byte[]> _savedPages = [];
    private readonly Lock _overrideGate = new();
    private double? _distanceOverrideCm;
    private byte _page;
    private bool _continuous;

    public Vl53l0xEmulator(Vl53l0xScenario scenario, TimeProvider timeProvider, I2cConnectionSettings? settings = null)
        : base(settings ?? new I2cConnectionSettings(1, DefaultAddress), timeProvider)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        PowerOnReset();
        ApplyScenarioFaults(scenario.AbsentAtStart, scenario.FailFrom, scenario.FailUntil, scenario.StuckFrom, scenario.StuckUntil);
    }

    /// <summary>
    /// When set, the distance to the target instead of the scenario's; <see cref="double.PositiveInfinity"/> for
    /// no target at all (a lid left open, a sensor knocked askew).
    /// </summary>
    public double? DistanceOverrideCm
    {
        get { lock (_overrideGate) { return _distanceOverrideCm; } }
        set { lock (_overrideGate) { _distanceOverrideCm = value; } }
    }

    /// <summary>How many reference calibrations (VHV and phase) the host has run since power-on.</summary>
    public int CalibrationCount { get; private set; }

    /// <summary>How many rangings have finished since power-on.</summary>
    public int RangingCount { get; private set; }

    /// <summary>The reference SPAD map (page 0, 0xB0..0xB5) as it stands.</summary>
    public byte[] ReferenceSpadMap
    {
        get
        {
            var map = new byte[ReferenceSpadMapLength];
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = PageZeroRegister((byte)(GlobalConfigSpadEnablesRef0 + i));
            }

            return map;
        }
    }

    /// <summary>How many reference SPADs the map enables.</summary>
    public int EnabledReferenceSpads => ReferenceSpadMap.Sum(b => BitOperations.PopCount(b));

    /// <summary>The farthest target the chip finds with the signal-rate limit the host set.</summary>
    public double RangeLimitCm
    {
        get
        {
            var limit = (PageZeroRegister(FinalRangeMinCountRateLimit) << 8) | PageZeroRegister((byte)(FinalRangeMinCountRateLimit + 1));

            // 9.7 fixed point: 0.1 MCPS is written as 12.
            return limit <= 13 ? LongRangeCm : DefaultRangeCm;
        }
    }

    protected override void OnHostWrite(byte register, byte value)
    {
        if (register == PageSelect)
        {
            SelectPage(value);
            return;
        }

        switch (_page)
        {
            case 0:
                WritePageZero(register, value);
                break;
            case 7 when register == NvmStrobe && value == 0:
                // The NVM word is ready at once; the host sees 0x83 turn non-zero on its first poll.
                SetRegisters(NvmData, Vl53l0xNvm.Read(GetRegister(NvmItemSelect)));
                SetRegisters(NvmStrobe, [0x01]);
                break;
            default:
                SetRegisters(register, [value]);
                break;
        }
    }

    protected override void OnHostRead(byte firstRegister, int length)
    {
        if (_page == 0 && _continuous && GetRegister(ResultInterruptStatus) == 0
            && Overlaps(firstRegister, length, ResultInterruptStatus, ResultInterruptStatus))
        {
            Range();
        }
    }

    private void WritePageZero(byte register, byte value)
    {
        switch (register)
        {
            case SysRangeStart:
                Start(value);
                break;
            case SystemInterruptClear:
                if ((value & 0x07) != 0)
                {
                    SetRegisters(ResultInterruptStatus, [0x00]);
                }

                break;
            case SoftReset:
                if ((value & 0x01) == 0)
                {
                    PowerOnReset();
                    SetRegisters(IdentificationModelId, [0x00]);
                }
                else
                {
                    SetRegisters(IdentificationModelId, [ModelIdValue]);
                }

                break;
            case IdentificationModelId:
            case IdentificationRevisionId:
            case ResultInterruptStatus:
                // Read-only.
                break;
            default:
                SetRegisters(register, [value]);
                break;
        }
    }

    private void Start(byte value)
    {
        _continuous = (value & (BackToBackMode | TimedMode)) != 0;
        if ((value & StartBit) == 0 && !_continuous)
        {
            // Stop.
            SetRegisters(SysRangeStart, [value]);
            return;
        }

        // The chip clears the start bit once the measurement is under way.
        SetRegisters(SysRangeStart, [(byte)(value & ~StartBit)]);
        if ((GetRegister(SystemSequenceConfig) & ~CalibrationOnlySequenceMask) == 0)
        {
            CalibrationCount++;
            SetRegisters(ResultInterruptStatus, [NewSampleReady]);
            return;
        }

        Range();
    }

    private void Range()
    {
        var distanceCm = DistanceOverrideCm ?? _scenario.DistanceCmAt(TimeProvider.GetUtcNow());
        var found = distanceCm <= RangeLimitCm;
        var millimeters = found ? (ushort)Math.Round(Math.Max(0, distanceCm) * 10) : OutOfRangeMillimeters;
        var deviceError = found ? DeviceErrorRangeComplete : DeviceErrorMsrcNoTarget;

        // RESULT_RANGE_STATUS .. +11, as ST's API reads them in one go: status, then (unmodelled rates), then the range.
        Span<byte> results = stackalloc byte[12];
        results[0] = (byte)(deviceError << 3);
        results[10] = (byte)(millimeters >> 8);
        results[11] = (byte)millimeters;
        PublishMeasurement(ResultRangeStatus, results);
        SetRegisters(ResultInterruptStatus, [NewSampleReady]);
        RangingCount++;
    }

    private void SelectPage(byte page)
    {
        if (page == _page)
        {
            return;
        }

        var current = new byte[PageCount];
        for (var i = 0; i < PageCount; i++)
        {
            current[i] = GetRegister((byte)i);
        }

        _savedPages[_page] = current;
        SetRegisters(0, _savedPages.TryGetValue(page, out var saved) ? saved : new byte[PageCount]);
        _page = page;
        SetRegisters(PageSelect, [page]);
    }

    /// <summary>A page-0 register whatever page the host has selected.</summary>
    private byte PageZeroRegister(byte register) =>
        _page == 0 ? GetRegister(register) : _savedPages[0][register];

    private void PowerOnReset()
    {
        _savedPages.Clear();
        _page = 0;
        _continuous = false;
        SetRegisters(0, new byte[PageCount]);

        SetRegisters(IdentificationModelId, [ModelIdValue, 0xAA, RevisionIdValue]);

        // 0x84 GPIO_HV_MUX_ACTIVE_HIGH with its polarity bit set; 0x44 the 0.25 MCPS default limit (32 in 9.7).
        SetRegisters(0x84, [0x11]);
        SetRegisters(FinalRangeMinCountRateLimit, [0x00, 0x20]);
        SetRegisters(SystemSequenceConfig, [0xFF]);

        // The factory reference SPAD map: every SPAD usable; the host trims it to the NVM count.
        SetRegisters(GlobalConfigSpadEnablesRef0, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        var pageOne = new byte[PageCount];
        pageOne[StopVariable] = 0x3C;
        _savedPages[1] = pageOne;
    }
}
