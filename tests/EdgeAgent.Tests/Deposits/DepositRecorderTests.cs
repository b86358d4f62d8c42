using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Deposits;

public sealed class DepositRecorderTests : IDisposable
{
    private readonly AgentStore _store = new();
    private readonly ClockTrust _clock;
    private readonly DepositRecorder _recorder;

    public DepositRecorderTests()
    {
        _clock = ClockTrusts.Trusted(_store.Clock);
        _recorder = new DepositRecorder(_store.Deposits, _clock, _store.Clock);
    }

    [Fact]
    public void A_recorded_deposit_has_a_new_ULID_the_current_time_what_the_operator_entered_and_the_scale_audit_trail()
    {
        var request = DepositExamples.Request(massKg: 2.345m, unitPriceIdr: 3000);

        var deposit = _recorder.Record(request);

        Assert.True(Ulid.TryParse(deposit.Id, out var ulid));
        Assert.Equal(_store.Clock.GetUtcNow(), deposit.T);
        Assert.Equal(deposit.T, ulid.Time);
        Assert.Equal(("A-0042", "plastic-pet", 2.345m, 3000L, 7035L, "siti", "2026-11-01"),
            (deposit.Member, deposit.Category, deposit.MassKg, deposit.UnitPriceIdr, deposit.ValueIdr, deposit.Operator, deposit.PriceTable));
        Assert.Equal(new ScaleReading { Sensor = "scale-1", Raw = 8_412_345, TareRaw = 102_311, Calibration = "2026-11-20" }, deposit.Scale);
        Assert.Null(DepositRules.Check(deposit));
        Assert.Equal(deposit, _store.Deposits.Find(deposit.Id)!.Deposit);
    }

    [Fact]
    public void Every_deposit_gets_its_own_id_and_millisecond_even_when_recorded_at_once()
    {
        var deposits = Enumerable.Range(0, 3).Select(_ => _recorder.Record(DepositExamples.Request())).ToList();

        Assert.Equal(3, deposits.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, deposits.Select(d => d.T).Distinct().Count());
    }

    [Theory]
    [InlineData("2.345", 3000, 7035)]
    [InlineData("1.0025", 1000, 1003)] // 1002.5: a half goes up, as on a calculator (not to the even 1002)
    [InlineData("0.0015", 1000, 2)] // 1.5
    [InlineData("1.2344", 1000, 1234)]
    [InlineData("0.0005", 1000, 1)] // 0.5
    [InlineData("1000", 500, 500000)]
    public void The_value_is_mass_times_unit_price_rounded_to_the_rupiah_with_halves_going_up(string massKg, long unitPriceIdr, long expectedValueIdr)
    {
        var deposit = _recorder.Record(DepositExamples.Request(massKg: decimal.Parse(massKg, System.Globalization.CultureInfo.InvariantCulture), unitPriceIdr: unitPriceIdr));

        Assert.Equal(expectedValueIdr, deposit.ValueIdr);
    }

    [Theory]
    [InlineData("0", "A-0042", "mass_kg")]
    [InlineData("-1.5", "A-0042", "mass_kg")]
    [InlineData("1000.001", "A-0042", "mass_kg")]
    [InlineData("2.345", "Budi Santoso", "member")]
    [InlineData("2.345", "", "member")]
    public void A_deposit_that_breaks_the_contract_is_refused_with_the_reason_and_nothing_is_recorded(string massKg, string member, string reasonMentions)
    {
        var request = DepositExamples.Request(massKg: decimal.Parse(massKg, System.Globalization.CultureInfo.InvariantCulture), member: member);

        var refused = Assert.Throws<InvalidDepositException>(() => _recorder.Record(request));

        Assert.Contains(reasonMentions, refused.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Deposits.Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Equal(0, _store.Deposits.Figures().Depth);
    }

    [Fact]
    public void A_refused_deposit_does_not_use_up_a_millisecond()
    {
        var first = _recorder.Record(DepositExamples.Request());
        Assert.Throws<InvalidDepositException>(() => _recorder.Record(DepositExamples.Request(massKg: 0)));

        var second = _recorder.Record(DepositExamples.Request());

        Assert.Equal(first.T.AddMilliseconds(1), second.T);
    }

    [Fact]
    public void On_full_storage_the_deposit_is_refused_with_DiskFullException_and_nothing_is_recorded()
    {
        _store.FillStorage();

        var recorded = 0;
        DiskFullException? full = null;
        for (var i = 0; i < 10_000 && full is null; i++)
        {
            try
            {
                _recorder.Record(DepositExamples.Request());
                recorded++;
            }
            catch (DiskFullException ex)
            {
                full = ex;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("full", full.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(recorded, _store.Deposits.Between(DateTimeOffset.MinValue, DateTimeOffset.MaxValue).Count);
    }

    [Fact]
    public void A_deposit_recorded_while_the_clock_is_untrusted_waits_for_its_time_to_be_corrected()
    {
        var untrusted = ClockTrusts.WaitingForTimesync(_store.Clock, ClockTrusts.NeverSynced);
        var recorder = new DepositRecorder(_store.Deposits, untrusted, _store.Clock);

        var deposit = recorder.Record(DepositExamples.Request());

        Assert.Empty(_store.Deposits.Due(10, includeUnsynced: false));
        Assert.Equal([deposit.Id], _store.Deposits.Due(10, includeUnsynced: true).Select(d => d.Id));
        untrusted.Dispose();
    }

    public void Dispose()
    {
        _clock.Dispose();
        _store.Dispose();
    }
}
