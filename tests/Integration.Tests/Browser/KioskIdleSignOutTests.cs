using Microsoft.Playwright;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Kiosk;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Browser;

/// <summary>
/// A kiosk left alone with a deposit ready to record: a minute before the agent's idle timeout (10 minutes) the page
/// warns and "Tetap masuk" keeps the session; left alone again, the operator is signed out, the page says why (in
/// Bahasa Indonesia, in English after EN), and nothing of that deposit is recorded or left for whoever signs in next.
/// The agent and the page each run on a fake clock the test moves in step, so ten minutes pass at once.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class KioskIdleSignOutTests(RealServers servers, ITestOutputHelper output)
{
    private const double Load = 2.5;

    [Fact]
    public async Task A_kiosk_left_alone_warns_then_signs_out_and_forgets_the_deposit_it_had_ready()
    {
        var agentClock = new ScaleFollowingClock();
        await using var rig = await KioskRig.StartAsync(servers, output, "bank-kiosk-idle", "kiosk-idle", time: agentClock.Time, beforeStart: agentClock.Follow);
        var kiosk = await rig.OpenKioskAsync(1024, 600, pageClockAt: AgentUnderTest.Start.UtcDateTime);
        await kiosk.SignInAsync(KioskRig.Operator, KioskRig.Pin);
        await Assertions.Expect(kiosk["screen-weigh"]).ToBeVisibleAsync();
        rig.Agent.PlaceLoad(Load);
        await agentClock.StableAtAsync(Load);
        await kiosk.WeightSettledAtAsync(Load);
        await kiosk.PickCategoryAsync(ExampleCategories.Pet.Code);
        await kiosk.EnterMemberAsync("A-0042");
        await Assertions.Expect(kiosk["record"]).ToBeEnabledAsync();
        await Assertions.Expect(kiosk["idle-warning"]).ToBeHiddenAsync();

        // Nobody touches the kiosk for 9½ minutes; the page keeps polling the agent and showing the weight.
        await MoveBothClocksAsync(agentClock, kiosk, "09:30");
        await Assertions.Expect(kiosk["idle-warning"]).ToBeVisibleAsync();
        await Assertions.Expect(kiosk["idle-warning-text"]).ToHaveTextAsync("Tidak ada aktivitas. Anda akan keluar otomatis dalam 30 detik.");
        await kiosk.ScreenshotAsync("01-masih-di-sini");

        // The operator is back in time.
        await kiosk["idle-stay"].ClickAsync();
        await Assertions.Expect(kiosk["idle-warning"]).ToBeHiddenAsync();

        // And walks away for good: ten minutes and a second after that tap.
        await MoveBothClocksAsync(agentClock, kiosk, "10:01");
        await Assertions.Expect(kiosk["screen-signin"]).ToBeVisibleAsync();
        await Assertions.Expect(kiosk["signin-error"]).ToHaveTextAsync("Sesi berakhir karena tidak ada aktivitas. Masukkan PIN lagi.");
        await Assertions.Expect(kiosk["idle-warning"]).ToBeHiddenAsync();
        await kiosk.ScreenshotAsync("02-keluar-karena-tidak-ada-aktivitas");
        await kiosk["lang-en"].ClickAsync();
        await Assertions.Expect(kiosk["signin-error"]).ToHaveTextAsync("Signed out after inactivity. Enter your PIN again.");
        await kiosk["lang-id"].ClickAsync();

        // Whoever signs in next starts from an empty form, and the deposit that was ready was never recorded.
        await kiosk.SignInAsync(KioskRig.Operator, KioskRig.Pin);
        await Assertions.Expect(kiosk["screen-weigh"]).ToBeVisibleAsync();
        await Assertions.Expect(kiosk["member-input"]).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(kiosk[$"category-{ExampleCategories.Pet.Code}"]).ToHaveAttributeAsync("aria-checked", "false");
        await Assertions.Expect(kiosk["record"]).ToBeDisabledAsync();
        Assert.Empty(rig.Agent.Service<DepositOutbox>().Between(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue));
        Assert.Empty(kiosk.ScriptErrors);
    }

    /// <summary>
    /// Time passes for the agent and for the page alike ("mm:ss"); then the scale is read a few times more, so the page
    /// shows a live, stable weight again (the readings during the jump are older than the page's new time).
    /// </summary>
    private static async Task MoveBothClocksAsync(ScaleFollowingClock agentClock, KioskPage kiosk, string minutesSeconds)
    {
        await agentClock.AdvanceAsync(TimeSpan.ParseExact(minutesSeconds, @"mm\:ss", System.Globalization.CultureInfo.InvariantCulture));
        await kiosk.Page.Clock.FastForwardAsync(minutesSeconds);
        await agentClock.StableAtAsync(Load);
    }
}
