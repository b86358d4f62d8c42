using Microsoft.Playwright;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// "Impossible to get wrong", on a phone (360 px wide) in headless Chromium: a wrong PIN is refused; Catat stays off,
/// with a line saying why, while the platform is empty, the weight is not stable, the category or member is missing,
/// the recorded bag is still on the platform, or the scale does not answer.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class KioskWeighingGuardsTests(RealServers servers, ITestOutputHelper output)
{
    /// <summary>About ±230 g of noise: far beyond the 5 g stability tolerance, within the HX711's glitch threshold.</summary>
    private const double ShakyNoiseCounts = 10_000;

    [Fact]
    public async Task Catat_stays_off_and_says_why_until_the_deposit_can_really_be_recorded()
    {
        await using var rig = await KioskRig.StartAsync(servers, output, "bank-kiosk-guards", "kiosk-phone");
        var kiosk = await rig.OpenKioskAsync(360, 740);

        await kiosk.SignInAsync(KioskRig.Operator, "9999");
        await Assertions.Expect(kiosk["signin-error"]).ToHaveTextAsync("Nama atau PIN salah.");
        await Assertions.Expect(kiosk["pin-input"]).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(kiosk["signin-submit"]).ToBeDisabledAsync();
        await kiosk.ScreenshotAsync("01-pin-salah");
        foreach (var digit in KioskRig.Pin)
        {
            await kiosk[$"pin-key-{digit}"].ClickAsync();
        }

        await kiosk["signin-submit"].ClickAsync();
        await Assertions.Expect(kiosk["screen-weigh"]).ToBeVisibleAsync();

        await kiosk.WeightSettledAtAsync(0);
        await Assertions.Expect(kiosk["record"]).ToBeDisabledAsync();
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Letakkan sampah di timbangan.");
        await kiosk.ScreenshotAsync("02-timbang-kosong");

        // A shaky load: the category and member are given, and still Catat waits for a stable weight.
        rig.Scale.Scenario.NoiseCounts = ShakyNoiseCounts;
        rig.Agent.PlaceLoad(3.5);
        await Assertions.Expect(kiosk["stability"]).ToHaveTextAsync("BELUM STABIL");
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Pilih kategori.");
        await kiosk.PickCategoryAsync(ExampleCategories.Pet.Code);
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Masukkan nomor anggota.");
        await kiosk.EnterMemberAsync("C-12/7");
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Tunggu sampai berat STABIL.");
        await Assertions.Expect(kiosk["record"]).ToBeDisabledAsync();
        await kiosk.ScreenshotAsync("03-belum-stabil");

        rig.Scale.Scenario.NoiseCounts = 0;
        await kiosk.WeightSettledAtAsync(3.5);
        await Assertions.Expect(kiosk["record"]).ToBeEnabledAsync();
        await Assertions.Expect(kiosk["record-hint"]).ToContainTextAsync("Siap:");
        await kiosk.ScreenshotAsync("04-siap");
        await kiosk["record"].ClickAsync();
        await Assertions.Expect(kiosk["receipt-member"]).ToHaveTextAsync("C-12/7");
        await kiosk.ScreenshotAsync("05-struk");

        // The recorded bag is still on the platform: no second Catat for it, until the scale is zeroed.
        await kiosk["next-deposit"].ClickAsync();
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Angkat sampah yang sudah dicatat dari timbangan (atau tekan Nol/Tara).");
        await Assertions.Expect(kiosk["record"]).ToBeDisabledAsync();
        await kiosk.ScreenshotAsync("06-angkat-dulu");
        await kiosk["tare"].ClickAsync();
        await Assertions.Expect(kiosk["toast"]).ToHaveTextAsync("Timbangan sudah di-nol-kan.");
        await kiosk.WeightSettledAtAsync(0);
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Letakkan sampah di timbangan.");

        // A bag on top of the zeroed one weighs on its own.
        rig.Agent.PlaceLoad(4.7);
        await kiosk.WeightSettledAtAsync(1.2);
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Pilih kategori.");

        // The scale stops answering: no weight at all rather than an old one.
        rig.UnplugScale();
        await Assertions.Expect(kiosk["stability"]).ToHaveTextAsync("TIDAK TERBACA");
        await Assertions.Expect(kiosk["weight-number"]).ToHaveTextAsync("—");
        await Assertions.Expect(kiosk["record"]).ToBeDisabledAsync();
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Belum bisa mencatat: timbangan tidak terbaca.");
        // The operator reads what to do in Indonesian; the driver's own message is there, small, for the technician.
        await Assertions.Expect(kiosk["banner-scale-text"]).ToHaveTextAsync(
            "Timbangan bermasalah: alat tidak bisa membaca timbangan. Angkat semua beban, periksa kabel dan listriknya, lalu tunggu sebentar. Bila tetap begini, hubungi teknisi.");
        await Assertions.Expect(kiosk["banner-scale-detail"]).ToContainTextAsync("Untuk teknisi: ");
        await kiosk.ScreenshotAsync("07-timbangan-bermasalah");
        rig.ReplugScale();
        await kiosk.WeightSettledAtAsync(0);
        await Assertions.Expect(kiosk["banner-scale"]).ToBeHiddenAsync();
        Assert.Empty(kiosk.ScriptErrors);
    }
}
