using System.Text.Json;
using Microsoft.Playwright;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// A phone on the bank's Wi-Fi loses the answer to Catat after the agent recorded the deposit. The operator sees
/// "try again", presses Catat again with the bag still on the platform, and gets the receipt of the deposit already
/// recorded: the same bag is never recorded (and paid) twice.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class KioskLostAnswerTests(RealServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Catat_pressed_again_after_a_lost_answer_shows_the_deposit_already_recorded()
    {
        await using var rig = await KioskRig.StartAsync(servers, output, "bank-kiosk-lost", "kiosk-lost");
        var kiosk = await rig.OpenKioskAsync(360, 740);
        await kiosk.SignInAsync(KioskRig.Operator, KioskRig.Pin);
        rig.Agent.PlaceLoad(2.5);
        await kiosk.WeightSettledAtAsync(2.5);
        await kiosk.PickCategoryAsync(ExampleCategories.Pet.Code);
        await kiosk.EnterMemberAsync("A-0042");

        // The request reaches the agent, which records the deposit; its answer never reaches the page.
        var recordedId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await kiosk.Page.RouteAsync("**/api/kiosk/deposits", async route =>
        {
            var answer = await route.FetchAsync();
            using var receipt = JsonDocument.Parse(await answer.TextAsync());
            recordedId.TrySetResult(receipt.RootElement.GetProperty("id").GetString()!);
            await route.AbortAsync("connectionreset");
        });
        await kiosk["record"].ClickAsync();
        var id = await recordedId.Task;
        await Assertions.Expect(kiosk["record-error"]).ToHaveTextAsync("Alat tidak menjawab. Coba lagi.");
        await Assertions.Expect(kiosk["screen-weigh"]).ToBeVisibleAsync();
        await kiosk.ScreenshotAsync("01-jawaban-hilang");

        await kiosk.Page.UnrouteAllAsync();
        await Assertions.Expect(kiosk["record"]).ToBeEnabledAsync();
        await kiosk["record"].ClickAsync();
        await Assertions.Expect(kiosk["screen-receipt"]).ToBeVisibleAsync();
        await Assertions.Expect(kiosk["receipt-id"]).ToHaveTextAsync(id);
        await kiosk.ScreenshotAsync("02-struk-setoran-yang-sama");

        var recorded = rig.Agent.Service<DepositOutbox>().Between(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
        Assert.Equal(id, Assert.Single(recorded).Deposit.Id);
        Assert.Empty(kiosk.ScriptErrors);
    }
}
