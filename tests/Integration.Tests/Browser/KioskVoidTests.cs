using Microsoft.Playwright;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// Corrections, never edits, in headless Chromium on the 7-inch screen: a wrong deposit is voided from Hari ini with
/// a reason; it stays in the list marked Dibatalkan and nets out of the day's totals, and the city stores the void.
/// The English toggle re-words the screen and is remembered.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class KioskVoidTests(RealServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_voided_deposit_stays_listed_as_voided_and_nets_out_of_the_days_totals()
    {
        await using var rig = await KioskRig.StartAsync(servers, output, "bank-kiosk-void", "kiosk-void");
        var kiosk = await rig.OpenKioskAsync(1024, 600);
        await kiosk.SignInAsync(KioskRig.Operator, KioskRig.Pin);
        var kept = await rig.RecordAsync(kiosk, 2.345, ExampleCategories.Pet, member: "A-0042");
        await kiosk["same-member"].ClickAsync();
        var wrong = await rig.RecordAsync(kiosk, 1.2, ExampleCategories.Cardboard, member: null);

        await kiosk["nav-today"].ClickAsync();
        await Assertions.Expect(kiosk["total-deposits"]).ToHaveTextAsync("2");
        await Assertions.Expect(kiosk["total-value"]).ToHaveTextAsync(KioskText.Rupiah(kept.ValueIdr + wrong.ValueIdr));
        await Assertions.Expect(kiosk["total-row"]).ToHaveCountAsync(2);
        await kiosk.ScreenshotAsync("01-hari-ini");

        var row = kiosk.DepositRow(wrong.Id);
        await row.GetByTestId("deposit-void").ClickAsync();
        await Assertions.Expect(kiosk["void-dialog"]).ToBeVisibleAsync();
        await Assertions.Expect(kiosk["void-title"]).ToHaveTextAsync($"Batalkan setoran {wrong.Id[^6..]}?");
        await Assertions.Expect(kiosk["void-confirm"]).ToBeDisabledAsync(); // no reason yet
        await kiosk["void-quick-category"].ClickAsync();
        await Assertions.Expect(kiosk["void-reason"]).ToHaveValueAsync("Salah kategori");
        await kiosk.ScreenshotAsync("02-batalkan");
        await kiosk["void-confirm"].ClickAsync();
        await Assertions.Expect(kiosk["void-dialog"]).ToBeHiddenAsync();

        await Assertions.Expect(row.GetByTestId("deposit-voided")).ToHaveTextAsync("Dibatalkan");
        await Assertions.Expect(row.GetByTestId("deposit-reason")).ToHaveTextAsync("Alasan: Salah kategori");
        await Assertions.Expect(row.GetByTestId("deposit-void")).ToHaveCountAsync(0);
        await Assertions.Expect(kiosk.DepositRow(kept.Id).GetByTestId("deposit-voided")).ToHaveCountAsync(0);
        await Assertions.Expect(kiosk["deposit-row"]).ToHaveCountAsync(2);
        await Assertions.Expect(kiosk["total-deposits"]).ToHaveTextAsync("1");
        await Assertions.Expect(kiosk["total-mass"]).ToHaveTextAsync(KioskText.Kg(kept.MassKg));
        await Assertions.Expect(kiosk["total-value"]).ToHaveTextAsync(KioskText.Rupiah(kept.ValueIdr));
        await Assertions.Expect(kiosk["total-row"]).ToHaveCountAsync(1);
        await Assertions.Expect(kiosk["total-row"]).ToHaveAttributeAsync("data-category", ExampleCategories.Pet.Code);
        await kiosk.ScreenshotAsync("03-hari-ini-dibatalkan");

        // Its receipt, reopened to print again, says it is voided and why, on screen and on paper.
        await row.GetByTestId("deposit-receipt").ClickAsync();
        await Assertions.Expect(kiosk["receipt-code"]).ToHaveTextAsync(wrong.Id[^6..]);
        await Assertions.Expect(kiosk["receipt-voided-stamp"]).ToHaveTextAsync("DIBATALKAN");
        await Assertions.Expect(kiosk["receipt-voided-reason"]).ToHaveTextAsync("Setoran ini sudah dibatalkan dan tidak berlaku. Alasan: Salah kategori");
        await kiosk.ScreenshotAsync("04-struk-dibatalkan");
        await kiosk.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(kiosk["receipt-voided-stamp"]).ToBeVisibleAsync();
        await kiosk.ScreenshotAsync("05-struk-dibatalkan-cetak-58mm");
        await kiosk.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await kiosk["receipt-back"].ClickAsync();
        await kiosk.DepositRow(kept.Id).GetByTestId("deposit-receipt").ClickAsync();
        await Assertions.Expect(kiosk["receipt-code"]).ToHaveTextAsync(kept.Id[^6..]);
        await Assertions.Expect(kiosk["receipt-voided"]).ToBeHiddenAsync();
        await kiosk["receipt-back"].ClickAsync();

        // Next year's prices, sent ahead: they wait for their date, and the kiosk says from when they apply.
        await rig.PublishPriceTableAsync("""
            {"version":"2099-01-01","effective_from":"2098-12-31T17:00:00.000Z",
             "categories":[{"code":"plastic-pet","name_id":"Plastik PET","name_en":"PET plastic","price_idr_per_kg":9000}]}
            """);
        await Assertions.Expect(kiosk["banner-next-prices"]).ToHaveTextAsync("Harga baru (versi 2099-01-01) berlaku mulai Kamis, 1 Januari 2099.");
        await Assertions.Expect(kiosk["banner-no-prices"]).ToBeHiddenAsync();
        await kiosk.ScreenshotAsync("06-harga-baru");

        // The void reaches the city as a correction that references the deposit; the deposit itself is unchanged.
        var corrections = rig.Agent.Service<CorrectionOutbox>();
        await rig.Agent.Service<DepositOutbox>().UntilAsync(
            () => corrections.OfDepositsBetween(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue).TryGetValue(wrong.Id, out var v) && v.State == DepositState.Stored,
            () => "the void of the cardboard deposit is not stored yet");
        var voidPoint = Assert.Single(await rig.Influx.RowsAsync(rig.Database, "deposit_void"));
        Assert.Equal(wrong.Id, voidPoint["deposit_id"].GetString());
        Assert.Equal("Salah kategori", voidPoint["reason"].GetString());
        Assert.Equal(2, (await rig.Influx.RowsAsync(rig.Database, "deposit")).Count);

        await kiosk["lang-en"].ClickAsync();
        await Assertions.Expect(row.GetByTestId("deposit-voided")).ToHaveTextAsync("Voided");
        await Assertions.Expect(kiosk["total-mass"]).ToHaveTextAsync(KioskText.Kg(kept.MassKg, english: true));
        await Assertions.Expect(kiosk["nav-today"]).ToHaveTextAsync("Today");
        await Assertions.Expect(kiosk["banner-next-prices"]).ToHaveTextAsync("New prices (version 2099-01-01) apply from Thursday, January 1, 2099.");
        await kiosk.ScreenshotAsync("07-today-english");
        await kiosk.Page.ReloadAsync();
        await Assertions.Expect(kiosk["nav-weigh"]).ToHaveTextAsync("Weigh"); // remembered, still signed in
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Put the waste on the scale.");
        Assert.Empty(kiosk.ScriptErrors);
    }
}
