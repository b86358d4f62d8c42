using System.Device.I2c;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>The register map and fault switches every emulated I2C chip builds on.</summary>
public sealed class RegisterMapI2cDeviceTests
{
    [Fact]
    public void Reads_continue_from_the_register_pointer_with_auto_increment()
    {
        using var chip = new ScratchChip();
        chip.Write([0x10, 0xA1, 0xA2, 0xA3]);

        chip.WriteByte(0x11);
        var first = chip.ReadByte();
        var second = chip.ReadByte();

        Assert.Equal(0xA2, first);
        Assert.Equal(0xA3, second);
    }

    [Fact]
    public void A_read_past_the_last_register_wraps_to_the_first()
    {
        using var chip = new ScratchChip();
        chip.Write([0xFF, 0x01, 0x02]);
        Span<byte> read = stackalloc byte[2];

        chip.WriteRead([0xFF], read);

        Assert.Equal([0x01, 0x02], read.ToArray());
    }

    [Fact]
    public void A_chip_that_takes_register_value_pairs_does_not_auto_increment_writes()
    {
        using var chip = new ScratchChip(RegisterWriteStyle.AddressValuePairs);
        chip.Write([0x20, 0x55, 0x30, 0x66]);
        Span<byte> read = stackalloc byte[2];

        chip.WriteRead([0x20], read);
        var at30 = ReadRegister(chip, 0x30);

        Assert.Equal([0x55, 0x00], read.ToArray());
        Assert.Equal(0x66, at30);
    }

    [Fact]
    public void An_absent_chip_fails_every_transfer_including_an_address_probe()
    {
        using var chip = new ScratchChip { Absent = true };

        Assert.Throws<IOException>(() => chip.Write([]));
        Assert.Throws<IOException>(() => chip.WriteByte(0x00));
        Assert.Throws<IOException>(() => chip.ReadByte());
        Assert.Throws<IOException>(() => chip.WriteRead([0x00], new byte[1]));
    }

    [Fact]
    public void A_one_off_fault_fails_exactly_one_transfer_and_leaves_the_registers_alone()
    {
        using var chip = new ScratchChip();
        chip.Write([0x05, 0x77]);
        chip.FailNextTransfer();

        Assert.Throws<IOException>(() => chip.Write([0x05, 0x99]));

        Assert.Equal(0x77, ReadRegister(chip, 0x05));
    }

    [Fact]
    public void An_outage_fails_transfers_from_its_start_until_its_end()
    {
        var start = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        using var chip = new ScratchChip(clock: clock);
        chip.ScheduleOutage(start.AddSeconds(5), start.AddSeconds(10));

        chip.WriteByte(0x00);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Throws<IOException>(() => chip.WriteByte(0x00));
        clock.Advance(TimeSpan.FromSeconds(5));
        chip.WriteByte(0x00);
    }

    [Fact]
    public void An_outage_must_end_after_it_starts()
    {
        using var chip = new ScratchChip();
        var moment = DateTimeOffset.UnixEpoch;

        Assert.Throws<ArgumentOutOfRangeException>(() => chip.ScheduleOutage(moment, moment));
    }

    [Fact]
    public void Frozen_measurements_hold_their_registers_while_other_registers_still_change()
    {
        using var chip = new ScratchChip();
        chip.Measurement = 0x11;
        Assert.Equal(0x11, ReadRegister(chip, ScratchChip.MeasurementRegister));
        chip.MeasurementsFrozen = true;
        chip.Measurement = 0x22;
        chip.Write([0x40, 0x33]);

        Assert.Equal(0x11, ReadRegister(chip, ScratchChip.MeasurementRegister));
        Assert.Equal(0x33, ReadRegister(chip, 0x40));
    }

    [Fact]
    public void Connection_settings_are_the_ones_given()
    {
        using var chip = new ScratchChip();

        Assert.Equal(1, chip.ConnectionSettings.BusId);
        Assert.Equal(0x48, chip.ConnectionSettings.DeviceAddress);
    }

    private static byte ReadRegister(I2cDevice chip, byte register)
    {
        chip.WriteByte(register);
        return chip.ReadByte();
    }

    /// <summary>A chip whose only behaviour is a measurement register refreshed on every read.</summary>
    private sealed class ScratchChip(
        RegisterWriteStyle writeStyle = RegisterWriteStyle.AutoIncrement,
        TimeProvider? clock = null)
        : RegisterMapI2cDevice(new I2cConnectionSettings(1, 0x48), clock ?? TimeProvider.System, writeStyle)
    {
        public const byte MeasurementRegister = 0x80;

        public byte Measurement { get; set; }

        protected override void OnHostRead(byte firstRegister, int length)
        {
            if (Overlaps(firstRegister, length, MeasurementRegister, MeasurementRegister))
            {
                PublishMeasurement(MeasurementRegister, [Measurement]);
            }
        }
    }
}
