using Microsoft.Playwright;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>One deposit at the kiosk, as an operator records it, checked against what the agent recorded.</summary>
public static class KioskWeighing
{
    /// <summary>
    /// Puts <paramref name="kg"/> on the scale, picks the category, types the member (null: keep the one on screen),
    /// taps Catat and checks the receipt against the deposit the agent holds; then takes the load off the platform.
    /// </summary>
    /// <param name="firstScreenshot">The number of the first of three screenshots (the ready screen, the receipt, its 58 mm print); null for none.</param>
    public static async Task<DepositMessage> RecordAsync(
        this KioskRig rig, KioskPage kiosk, double kg, PricedCategory category, string? member, int? firstScreenshot = null)
    {
        ArgumentNullException.ThrowIfNull(rig);
        ArgumentNullException.ThrowIfNull(kiosk);
        ArgumentNullException.ThrowIfNull(category);
        rig.Agent.PlaceLoad(kg);
        await kiosk.WeightSettledAtAsync(kg);
        await kiosk.PickCategoryAsync(category.Code);
        if (member is not null)
        {
            await kiosk.EnterMemberAsync(member);
        }

        await Assertions.Expect(kiosk["record"]).ToBeEnabledAsync();
        await Assertions.Expect(kiosk["record-hint"]).ToContainTextAsync("Siap:");
        if (firstScreenshot is { } ready)
        {
            await kiosk.ScreenshotAsync($"{ready:00}-timbang-siap");
        }

        await kiosk["record"].ClickAsync();
        await Assertions.Expect(kiosk["screen-receipt"]).ToBeVisibleAsync();
        var id = (await kiosk["receipt-id"].TextContentAsync())!;
        var recorded = rig.Agent.Service<DepositOutbox>().Find(id)
            ?? throw new InvalidOperationException($"The receipt shows {id}, which the agent does not hold.");
        var deposit = recorded.Deposit;
        // The scale's 5 g division: what the operator placed, with no digits the load cell cannot weigh.
        Assert.Equal(Math.Round((decimal)kg / 0.005m) * 0.005m, deposit.MassKg);
        Assert.Equal(category.PricePerKg, deposit.UnitPriceIdr);
        Assert.Equal(DepositValue.Compute(deposit.MassKg, category.PricePerKg), deposit.ValueIdr);

        await Assertions.Expect(kiosk["receipt-code"]).ToHaveTextAsync(id[^6..]);
        await Assertions.Expect(kiosk["receipt-member"]).ToHaveTextAsync(deposit.Member);
        await Assertions.Expect(kiosk["receipt-category"]).ToHaveTextAsync(category.NameId);
        await Assertions.Expect(kiosk["receipt-mass"]).ToHaveTextAsync(KioskText.Kg(deposit.MassKg));
        await Assertions.Expect(kiosk["receipt-price"]).ToHaveTextAsync(KioskText.Rupiah(category.PricePerKg) + "/kg");
        await Assertions.Expect(kiosk["receipt-value"]).ToHaveTextAsync(KioskText.Rupiah(deposit.ValueIdr));
        await Assertions.Expect(kiosk["receipt-operator"]).ToHaveTextAsync(KioskRig.Operator);
        await Assertions.Expect(kiosk["receipt-price-table"]).ToHaveTextAsync("2026-11-01");
        if (firstScreenshot is { } first)
        {
            await kiosk.ScreenshotAsync($"{first + 1:00}-struk");
            await kiosk.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await Assertions.Expect(kiosk["print"]).ToBeHiddenAsync();
            await kiosk.ScreenshotAsync($"{first + 2:00}-struk-cetak-58mm");
            await kiosk.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        }

        // The bag comes off the platform: the next Catat needs it empty first.
        rig.Agent.PlaceLoad(0);
        await kiosk.WeightSettledAtAsync(0);
        return deposit;
    }
}
