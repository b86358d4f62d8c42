using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Kiosk;

/// <summary>
/// Prices apply from their date: a table the city sends ahead of its <c>effective_from</c> waits, kept on the card,
/// while the table in force keeps pricing deposits, and takes over once the device's clock reaches that date.
/// </summary>
public sealed class PriceTableCacheTests : IDisposable
{
    // The device's clock starts at 2026-11-28T03:15Z (10.15 WIB).
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset December = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly AgentStore _store = new();
    private readonly List<IDisposable> _owned = [];

    private DeviceClock Clock => _store.Clock;

    [Fact]
    public void A_table_whose_date_is_ahead_waits_and_the_table_in_force_keeps_its_prices()
    {
        var cache = Cache();
        Assert.True(cache.Receive(Config("2026-11-01", November, petPrice: 3000)));

        Assert.True(cache.Receive(Config("2026-12-01", December, petPrice: 3500)));

        Assert.Equal("2026-11-01", cache.Current!.Table.Version);
        Assert.Equal(3000, cache.Current.Category("plastic-pet")!.PriceIdrPerKg);
        Assert.Equal(("2026-12-01", December), (cache.Next!.Table.Version, cache.Next.Table.EffectiveFrom));
    }

    [Fact]
    public void A_waiting_table_takes_over_when_the_clock_reaches_its_date_and_the_kiosk_is_told()
    {
        var cache = Cache();
        cache.Receive(Config("2026-11-01", November, petPrice: 3000));
        cache.Receive(Config("2026-12-01", December, petPrice: 3500));
        var changes = new List<string>();
        cache.Changed += table => changes.Add(table.Table.Version);

        Clock.Advance(December - Clock.GetUtcNow() - TimeSpan.FromMilliseconds(1));
        Assert.Equal("2026-11-01", cache.Current!.Table.Version); // one millisecond before: still November's prices
        Assert.Empty(changes);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("2026-12-01", cache.Current!.Table.Version);
        Assert.Equal(3500, cache.Current.Category("plastic-pet")!.PriceIdrPerKg);
        Assert.Null(cache.Next);
        Assert.Equal(["2026-12-01"], changes);
        Assert.False(cache.IsStale);
    }

    [Fact]
    public void A_waiting_table_survives_a_restart_and_takes_over_after_it()
    {
        var before = Cache();
        before.Receive(Config("2026-11-01", November, petPrice: 3000));
        before.Receive(Config("2026-12-01", December, petPrice: 3500));

        _store.Reopen(); // the agent restarts (a power cut) before December
        var afterRestart = Cache();
        Assert.Equal("2026-11-01", afterRestart.Current!.Table.Version);
        Assert.Equal("2026-12-01", afterRestart.Next!.Table.Version);

        Clock.Advance(December - Clock.GetUtcNow());
        Assert.Equal("2026-12-01", afterRestart.Current!.Table.Version);

        _store.Reopen(); // and once more after the new table took over: it stays in force, nothing waits
        var afterTakeOver = Cache();
        Assert.Equal("2026-12-01", afterTakeOver.Current!.Table.Version);
        Assert.Equal(3500, afterTakeOver.Current.Category("plastic-pet")!.PriceIdrPerKg);
        Assert.Null(afterTakeOver.Next);
    }

    [Fact]
    public void A_table_already_in_force_replaces_the_current_one_at_once()
    {
        var cache = Cache();
        cache.Receive(Config("2026-11-01", November, petPrice: 3000));
        cache.Receive(Config("2026-12-01", December, petPrice: 3500));
        var changes = new List<string>();
        cache.Changed += table => changes.Add(table.Table.Version);

        // The city corrects this month's prices instead: its retained message is now this table, so December's is withdrawn.
        var correctedFrom = Clock.GetUtcNow() - TimeSpan.FromHours(1);
        Assert.True(cache.Receive(Config("2026-11-28", correctedFrom, petPrice: 3200)));

        Assert.Equal("2026-11-28", cache.Current!.Table.Version);
        Assert.Equal(3200, cache.Current.Category("plastic-pet")!.PriceIdrPerKg);
        Assert.Null(cache.Next);
        Assert.Equal(["2026-11-28"], changes);

        _store.Reopen();
        var afterRestart = Cache();
        Assert.Equal("2026-11-28", afterRestart.Current!.Table.Version);
        Assert.Null(afterRestart.Next);
    }

    [Fact]
    public void With_no_table_in_force_a_table_whose_date_is_ahead_is_not_used_before_its_date()
    {
        var cache = Cache();

        cache.Receive(Config("2026-12-01", December, petPrice: 3500));

        Assert.Null(cache.Current);
        Assert.True(cache.IsStale);
        Assert.Equal("2026-12-01", cache.Next!.Table.Version);

        Clock.Advance(December - Clock.GetUtcNow());
        Assert.Equal("2026-12-01", cache.Current!.Table.Version);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _store.Dispose();
    }

    private PriceTableCache Cache()
    {
        var agent = Options.Create(new AgentOptions { Site = "bank-sungai-jawi", Device = "scale-01" });
        var topics = new AgentTopics(agent);
        var broker = new BrokerConnection(Options.Create(new MqttOptions()), agent, topics, Clock, NullLogger<BrokerConnection>.Instance);
        _owned.Add(broker);
        return new PriceTableCache(broker, topics, _store.Database, Clock, Options.Create(new KioskOptions()), NullLogger<PriceTableCache>.Instance);
    }

    /// <summary>The retained config message as the city sends it.</summary>
    private byte[] Config(string version, DateTimeOffset effectiveFrom, long petPrice) => Encoding.UTF8.GetBytes($$$"""
        {"v":1,"t":"{{{Wire(Clock.GetUtcNow())}}}","price_table":{"version":"{{{version}}}","effective_from":"{{{Wire(effectiveFrom)}}}",
         "categories":[{"code":"plastic-pet","name_id":"Plastik PET (botol)","name_en":"PET plastic (bottles)","price_idr_per_kg":{{{petPrice}}}},
                       {"code":"cardboard","name_id":"Kardus","name_en":"Cardboard","price_idr_per_kg":1500}]}}
        """);

    private static string Wire(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
