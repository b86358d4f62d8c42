using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Kiosk;

/// <summary>
/// A kiosk left alone signs its operator out: the page polls the agent all the time (weight, state, the day), and
/// none of that counts; only the operator's own actions (signing in, Nol/Tara, Catat, Batalkan, the page's "I'm here"
/// on a key press or tap) keep the session going. On the agent's fake clock, so ten minutes pass at once.
/// </summary>
public sealed partial class KioskApiTests
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How often these tests poll as the page would (it polls every 2 s: how often does not matter here).</summary>
    private static readonly TimeSpan PollEvery = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Polls_alone_do_not_keep_a_session_past_the_idle_timeout()
    {
        var clock = new ScaleFollowingClock();
        await using var kioskRig = await StartPricedKioskAsync(clock.Time, clock.Follow);
        using var kiosk = kioskRig.Agent.KioskClient();
        var session = await SignInAsync(kiosk);
        Assert.Equal((int)IdleTimeout.TotalSeconds, session.GetProperty("idle_timeout_s").GetInt32());
        Assert.Equal((int)IdleTimeout.TotalSeconds, session.GetProperty("idle_remaining_s").GetInt32());

        // Nobody at the kiosk; the open page polls on, right up to the last moment of the timeout.
        await PollForAsync(clock, kiosk, IdleTimeout);
        Assert.Equal(0, (await kiosk.GetFromJsonAsync<JsonElement>("/api/kiosk/session")).GetProperty("idle_remaining_s").GetInt32());

        await clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        await AssertSignedOutIdleAsync(await kiosk.GetAsync(new Uri("/api/kiosk/state", UriKind.Relative)));

        // The cookie was taken back: the session does not come back, not even with an "I'm here".
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.PostAsync(new Uri("/api/kiosk/session/activity", UriKind.Relative), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await kiosk.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Operator_activity_keeps_the_session_and_it_ends_the_idle_timeout_after_the_last_action()
    {
        var clock = new ScaleFollowingClock();
        await using var kioskRig = await StartPricedKioskAsync(clock.Time, clock.Follow);
        using var kiosk = kioskRig.Agent.KioskClient();
        await SignInAsync(kiosk);

        await PollForAsync(clock, kiosk, TimeSpan.FromMinutes(9));
        using (var here = await kiosk.PostAsync(new Uri("/api/kiosk/session/activity", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, here.StatusCode);
            Assert.Equal((int)IdleTimeout.TotalSeconds, (await here.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idle_remaining_s").GetInt32());
        }

        // 18 minutes after signing in, 9 after the "I'm here".
        await PollForAsync(clock, kiosk, TimeSpan.FromMinutes(9));
        Assert.Equal(60, (await kiosk.GetFromJsonAsync<JsonElement>("/api/kiosk/session")).GetProperty("idle_remaining_s").GetInt32());

        // Catat with nothing on the platform is refused, but it was the operator pressing it.
        Assert.Equal(HttpStatusCode.Conflict, (await kiosk.PostAsJsonAsync("/api/kiosk/deposits", new { member = "A-0042", category = "plastic-pet" })).StatusCode);
        await PollForAsync(clock, kiosk, IdleTimeout);

        await clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        await AssertSignedOutIdleAsync(await kiosk.GetAsync(new Uri("/api/kiosk/today", UriKind.Relative)));
    }

    [Fact]
    public async Task A_catat_after_the_idle_timeout_is_refused_and_records_nothing()
    {
        var clock = new ScaleFollowingClock();
        await using var kioskRig = await StartPricedKioskAsync(clock.Time, clock.Follow);
        var agent = kioskRig.Agent;
        using var kiosk = agent.KioskClient();
        await SignInAsync(kiosk);
        var signedInAt = clock.Now;
        agent.PlaceLoad(2.5);
        await clock.StableAtAsync(2.5);

        // The operator had the bag on the platform and walked away; someone presses Catat after the timeout, on a
        // weight as fresh and stable as any.
        await PollForAsync(clock, kiosk, signedInAt + IdleTimeout - clock.Now);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.True((await clock.StableAtAsync(2.5)).IsStable);
        var catat = new { member = "A-0042", category = "plastic-pet", request_id = "idle-catat-0001" };
        await AssertSignedOutIdleAsync(await kiosk.PostAsJsonAsync("/api/kiosk/deposits", catat));
        Assert.Empty(agent.Service<DepositOutbox>().Between(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue));

        // That weight could be recorded: signed in again, the same Catat records it.
        await SignInAsync(kiosk);
        Assert.Equal(HttpStatusCode.Created, (await kiosk.PostAsJsonAsync("/api/kiosk/deposits", catat)).StatusCode);
        Assert.Single(agent.Service<DepositOutbox>().Between(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue));
    }

    private static async Task<JsonElement> SignInAsync(HttpClient kiosk)
    {
        using var signedIn = await kiosk.PostAsJsonAsync("/api/kiosk/session", new { @operator = "siti", pin = "1234" });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        return await signedIn.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Moves the clock <paramref name="span"/> on, polling as the open page does at each step: every poll is answered.</summary>
    private static async Task PollForAsync(ScaleFollowingClock clock, HttpClient kiosk, TimeSpan span)
    {
        for (var passed = TimeSpan.Zero; passed < span;)
        {
            var step = span - passed < PollEvery ? span - passed : PollEvery;
            await clock.AdvanceAsync(step);
            passed += step;
            foreach (var poll in new[] { "/api/kiosk/state", "/api/kiosk/today", "/api/kiosk/session" })
            {
                using var answer = await kiosk.GetAsync(new Uri(poll, UriKind.Relative));
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{poll} at {clock.Now:O}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static async Task AssertSignedOutIdleAsync(HttpResponseMessage answer)
    {
        using (answer)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Sesi berakhir karena tidak ada aktivitas. Masukkan PIN lagi.", problem.GetProperty("error_id").GetString());
            Assert.Equal("Signed out after inactivity. Enter your PIN again.", problem.GetProperty("error_en").GetString());
            Assert.Equal("idle", problem.GetProperty("details").GetProperty("reason").GetString());
        }
    }
}
