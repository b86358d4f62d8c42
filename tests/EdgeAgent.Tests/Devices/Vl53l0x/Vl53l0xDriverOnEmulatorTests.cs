using Iot.Device.Vl53L0X;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Vl53l0x;

/// <summary>The real Iot.Device.Vl53L0X driver's start-up and ranging on the emulated chip.</summary>
public sealed class Vl53l0xDriverOnEmulatorTests
{
    [Fact]
    public void The_driver_starts_up_and_reads_the_chip_information_from_its_NVM()
    {
        using var emulator = NewEmulator();
        using var driver = new Vl53L0X(emulator);

        Assert.Equal(Vl53l0xNvm.ModuleId, driver.Information.ModuleId);
        Assert.Equal(Vl53l0xNvm.ProductId, driver.Information.ProductId.TrimEnd('\0'));
        Assert.Equal(new Version(0x1B, 0x0D), driver.Information.Revision);
    }

    [Fact]
    public void The_start_up_runs_the_reference_calibrations_and_trims_the_SPAD_map_to_the_NVM_count()
    {
        using var emulator = NewEmulator();
        using var driver = new Vl53L0X(emulator);
        var map = emulator.ReferenceSpadMap;

        // VHV and phase calibration at start-up, then once for each VCSEL period the long-range precision sets.
        Assert.Equal(4, emulator.CalibrationCount);
        Assert.Equal(Vl53l0xNvm.ReferenceSpadCount, emulator.EnabledReferenceSpads);

        // Aperture SPADs start at index 12: the first 12 stay off.
        Assert.Equal(0, map[0]);
        Assert.Equal(0, map[1] & 0x0F);
    }

    [Fact]
    public void The_driver_long_range_precision_extends_the_range_to_two_metres()
    {
        using var emulator = NewEmulator();
        Assert.Equal(Vl53l0xEmulator.DefaultRangeCm, emulator.RangeLimitCm);

        using var driver = new Vl53L0X(emulator);

        Assert.Equal(Vl53l0xEmulator.LongRangeCm, emulator.RangeLimitCm);
    }

    [Theory]
    [InlineData(4.0, 40)]
    [InlineData(55.44, 554)]
    [InlineData(90.0, 900)]
    [InlineData(199.9, 1999)]
    public void A_single_shot_ranging_reads_the_distance_in_millimetres(double distanceCm, int expectedMillimeters)
    {
        using var emulator = NewEmulator();
        emulator.DistanceOverrideCm = distanceCm;
        using var driver = new Vl53L0X(emulator);

        Assert.Equal(expectedMillimeters, driver.DistanceSingleMeasurement);
        Assert.Equal(11 << 3, ReadRegister(emulator, Vl53l0xRegisters.ResultRangeStatus));
    }

    [Fact]
    public void Continuous_ranging_reports_each_new_distance()
    {
        using var emulator = NewEmulator();
        emulator.DistanceOverrideCm = 80;
        using var driver = new Vl53L0X(emulator) { MeasurementMode = MeasurementMode.Continuous };
        var first = driver.Distance;

        emulator.DistanceOverrideCm = 62.5;

        Assert.Equal(800, first);
        Assert.Equal(625, driver.Distance);
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(250.0)]
    public void With_no_target_in_range_the_chip_reports_8190_and_a_no_target_status(double distanceCm)
    {
        using var emulator = NewEmulator();
        emulator.DistanceOverrideCm = distanceCm;
        using var driver = new Vl53L0X(emulator);

        Assert.Equal(8190, driver.DistanceSingleMeasurement);
        Assert.Equal(4 << 3, ReadRegister(emulator, Vl53l0xRegisters.ResultRangeStatus));
    }

    [Fact]
    public void At_the_default_signal_limit_a_target_beyond_1_2_metres_is_not_found()
    {
        using var emulator = NewEmulator();
        emulator.DistanceOverrideCm = 150;
        using var driver = new Vl53L0X(emulator);
        var longRange = driver.DistanceSingleMeasurement;

        driver.SetSignalRateLimit(0.25);

        Assert.Equal(1500, longRange);
        Assert.Equal(8190, driver.DistanceSingleMeasurement);
    }

    [Fact]
    public void The_chip_identifies_itself_by_model_and_revision_id()
    {
        using var emulator = NewEmulator();

        Assert.Equal(0xEE, ReadRegister(emulator, 0xC0));
        Assert.Equal(0x10, ReadRegister(emulator, 0xC2));
    }

    [Fact]
    public void Each_page_keeps_its_own_registers()
    {
        using var emulator = NewEmulator();

        emulator.Write([0x91, 0x55]);
        emulator.Write([0xFF, 0x01]);
        var stopVariable = ReadRegister(emulator, 0x91);
        emulator.Write([0xFF, 0x00]);

        Assert.Equal(0x3C, stopVariable);
        Assert.Equal(0x55, ReadRegister(emulator, 0x91));
    }

    [Fact]
    public void A_soft_reset_hides_the_model_id_until_it_is_released_and_restores_the_defaults()
    {
        using var emulator = NewEmulator();
        emulator.Write([0x44, 0x00, 0x0C]);

        emulator.Write([0xBF, 0x00]);
        var inReset = ReadRegister(emulator, 0xC0);
        emulator.Write([0xBF, 0x01]);

        Assert.Equal(0x00, inReset);
        Assert.Equal(0xEE, ReadRegister(emulator, 0xC0));
        Assert.Equal(Vl53l0xEmulator.DefaultRangeCm, emulator.RangeLimitCm);
    }

    [Fact]
    public void The_driver_distance_once_hides_a_missing_chip_as_out_of_range()
    {
        using var emulator = NewEmulator();
        using var driver = new Vl53L0X(emulator) { MeasurementMode = MeasurementMode.Single };
        emulator.Absent = true;

        // The driver's own averaging catches the IOException: an unplugged sensor would look like an empty bin.
        Assert.Equal(8190, driver.GetDistanceOnce(multipleReads: true));
        Assert.Throws<IOException>(() => driver.DistanceSingleMeasurement);
    }

    private static Vl53l0xEmulator NewEmulator() =>
        new(Vl53l0xTestBench.QuietScenario(), new FakeTimeProvider(Vl53l0xTestBench.PontianakNoon));

    private static int ReadRegister(Vl53l0xEmulator emulator, byte register)
    {
        emulator.WriteByte(register);
        return emulator.ReadByte();
    }
}
