using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Scales;

public sealed class ScaleCalibrationStoreTests : IDisposable
{
    private static readonly DateTimeOffset CalibratedAt = new(2026, 11, 20, 9, 15, 0, TimeSpan.FromHours(7));

    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void A_scale_never_calibrated_has_no_calibration()
    {
        var store = new ScaleCalibrationStore(_folder.Path);

        Assert.Null(store.Current("scale-1"));
        Assert.Empty(store.History("scale-1"));
    }

    [Fact]
    public void A_saved_calibration_is_read_back_with_the_date_as_its_id()
    {
        var store = new ScaleCalibrationStore(Options.Create(new AgentOptions { DataDirectory = _folder.Path }));

        var saved = store.Save("scale-1", CalibratedAt, 84_012, 42_951.25, 298_768, 5.000m);
        var read = new ScaleCalibrationStore(_folder.Path).Current("scale-1");

        Assert.Equal("2026-11-20", saved.Id);
        Assert.Equal(saved, read);
        Assert.True(File.Exists(Path.Combine(_folder.Path, ScaleCalibrationStore.FileName)));
    }

    [Fact]
    public void A_second_calibration_the_same_day_gets_its_own_id_and_the_first_is_kept_for_audits()
    {
        var store = new ScaleCalibrationStore(_folder.Path);
        var first = store.Save("scale-1", CalibratedAt, 84_012, 42_951.25);

        var second = store.Save("scale-1", CalibratedAt.AddHours(2), 84_020, 42_949.5);

        Assert.Equal("2026-11-20-2", second.Id);
        Assert.Equal(second, store.Current("scale-1"));
        Assert.Equal([first, second], store.History("scale-1"));
    }

    [Fact]
    public void Each_scale_of_a_device_keeps_its_own_calibrations()
    {
        var store = new ScaleCalibrationStore(_folder.Path);

        store.Save("scale-1", CalibratedAt, 84_012, 42_951.25);
        store.Save("scale-2", CalibratedAt, -12_000, 8_590);

        Assert.Equal(84_012, store.Current("scale-1")!.ZeroRaw);
        Assert.Equal(-12_000, store.Current("scale-2")!.ZeroRaw);
    }

    [Fact]
    public void A_damaged_file_is_reported_not_ignored()
    {
        File.WriteAllText(Path.Combine(_folder.Path, ScaleCalibrationStore.FileName), "{ not json");
        var store = new ScaleCalibrationStore(_folder.Path);

        var error = Assert.Throws<InvalidDataException>(() => store.Current("scale-1"));

        Assert.Contains("calibrate again", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
