using Microsoft.Playwright;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// The kiosk in headless Chromium on a 7-inch 1024×600 screen while the city is out of reach: an operator signs in,
/// records three deposits with the broker unreachable and sees them waiting; the broker returns, the three turn to
/// stored on screen, and InfluxDB holds exactly those three with their kg and rupiah.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class KioskOfflineDepositsTests(RealServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Three_deposits_recorded_while_the_broker_is_unreachable_turn_to_stored_when_it_returns()
    {
        await using var rig = await KioskRig.StartAsync(servers, output, "bank-kiosk-offline", "kiosk-offline-deposits");
        rig.Link.Cut();
        var kiosk = await rig.OpenKioskAsync(1024, 600);

        await Assertions.Expect(kiosk["operator-siti"]).ToBeVisibleAsync();
        await kiosk.ScreenshotAsync("01-masuk");
        await kiosk.SignInAsync(KioskRig.Operator, KioskRig.Pin, screenshotOfPin: "02-masuk-pin");
        await Assertions.Expect(kiosk["screen-weigh"]).ToBeVisibleAsync();
        await Assertions.Expect(kiosk["operator"]).ToHaveTextAsync("Operator: siti");
        await Assertions.Expect(kiosk["banner-offline"]).ToHaveTextAsync("Tidak terhubung — setoran tetap dicatat di alat ini");
        await Assertions.Expect(kiosk["connection"]).ToHaveTextAsync("Tidak terhubung");
        await Assertions.Expect(kiosk["record-hint"]).ToHaveTextAsync("Letakkan sampah di timbangan.");
        await Assertions.Expect(kiosk["category-plastic-pet"]).ToContainTextAsync("Rp 3.000/kg");
        await kiosk.ScreenshotAsync("03-timbang-kosong");

        var first = await rig.RecordAsync(kiosk, 2.345, ExampleCategories.Pet, member: "A-0042", firstScreenshot: 4);
        await Assertions.Expect(kiosk["receipt-state"]).ToHaveTextAsync("Menunggu");
        await kiosk["same-member"].ClickAsync();
        await Assertions.Expect(kiosk["member-input"]).ToHaveValueAsync("A-0042");
        var second = await rig.RecordAsync(kiosk, 1.2, ExampleCategories.Cardboard, member: null);
        await kiosk["next-deposit"].ClickAsync();
        await Assertions.Expect(kiosk["member-input"]).ToHaveValueAsync(string.Empty);
        var third = await rig.RecordAsync(kiosk, 0.75, ExampleCategories.Aluminium, member: "B-0007");
        DepositMessage[] deposits = [first, second, third];

        await kiosk["nav-today"].ClickAsync();
        await Assertions.Expect(kiosk["deposit-row"]).ToHaveCountAsync(3);
        // Newest first.
        await Assertions.Expect(kiosk["deposit-code"]).ToHaveTextAsync(Enumerable.Reverse(deposits).Select(d => d.Id[^6..]).ToArray());
        await Assertions.Expect(kiosk["deposit-state"]).ToHaveTextAsync(["Menunggu", "Menunggu", "Menunggu"]);
        await Assertions.Expect(kiosk["banner-offline"]).ToHaveTextAsync("Tidak terhubung — 3 setoran menunggu dikirim");
        await Assertions.Expect(kiosk["total-deposits"]).ToHaveTextAsync("3");
        await Assertions.Expect(kiosk["total-value"]).ToHaveTextAsync(KioskText.Rupiah(deposits.Sum(d => d.ValueIdr)));
        await Assertions.Expect(kiosk["total-mass"]).ToHaveTextAsync(KioskText.Kg(deposits.Sum(d => d.MassKg)));
        // Every mass to the scale's 5 g, as on the receipt and the live weight: "1,200 kg", never "1,2 kg".
        await Assertions.Expect(kiosk["deposit-mass"]).ToHaveTextAsync(Enumerable.Reverse(deposits).Select(d => KioskText.Kg(d.MassKg)).ToArray());
        await kiosk.ScreenshotAsync("07-hari-ini-menunggu");

        rig.Link.Restore();
        await Assertions.Expect(kiosk["deposit-state"]).ToHaveTextAsync(["Tersimpan", "Tersimpan", "Tersimpan"]);
        await Assertions.Expect(kiosk["banner-offline"]).ToBeHiddenAsync();
        await Assertions.Expect(kiosk["connection"]).ToHaveTextAsync("Terhubung");
        await kiosk.ScreenshotAsync("08-hari-ini-tersimpan");

        var rows = await rig.Influx.RowsAsync(rig.Database, "deposit");
        Assert.Equal(3, rows.Count);
        foreach (var deposit in deposits)
        {
            var row = Assert.Single(rows, r => r["deposit_id"].GetString() == deposit.Id);
            Assert.Equal((double)deposit.MassKg, row["mass_kg"].GetDouble());
            Assert.Equal(deposit.ValueIdr, row["value_idr"].GetInt64());
            Assert.Equal(deposit.Member, row["member"].GetString());
            Assert.Equal(deposit.Category, row["category"].GetString());
            Assert.Equal(KioskRig.Operator, row["operator"].GetString());
        }

        Assert.Empty(kiosk.ScriptErrors);
    }
}
