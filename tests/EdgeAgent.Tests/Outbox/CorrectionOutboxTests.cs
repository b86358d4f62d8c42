using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

/// <summary>Corrections, never edits: a voided deposit keeps its row, and a correction travels like a deposit.</summary>
public sealed class CorrectionOutboxTests : IDisposable
{
    private readonly AgentStore _store = new();

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void A_correction_leaves_the_deposit_as_recorded_and_is_due_to_be_sent()
    {
        var deposit = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        var correction = _store.Corrections.Record(Void(deposit, "01JDX4A1B2C3D4E5F6G7H8J9K0"), clockUnsynced: false);

        Assert.Equal(deposit, _store.Deposits.Find(deposit.Id)!.Deposit);
        Assert.Equal(correction, Assert.Single(_store.Corrections.Due(10)));
        Assert.Equal(deposit.Id, _store.Corrections.OfDepositsBetween(Now.AddHours(-1), Now.AddHours(1))[deposit.Id].Correction.DepositId);
    }

    [Fact]
    public void A_deposit_is_voided_once()
    {
        var deposit = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _store.Corrections.Record(Void(deposit, "01JDX4A1B2C3D4E5F6G7H8J9K0"), clockUnsynced: false);

        Assert.Throws<AlreadyVoidedException>(() => _store.Corrections.Record(Void(deposit, "01JDX4A1B2C3D4E5F6G7H8J9K1"), clockUnsynced: false));
    }

    [Fact]
    public void An_unknown_deposit_cannot_be_voided()
    {
        var stranger = DepositExamples.Message(Now);

        Assert.Throws<KeyNotFoundException>(() => _store.Corrections.Record(Void(stranger, "01JDX4A1B2C3D4E5F6G7H8J9K0"), clockUnsynced: false));
        Assert.Empty(_store.Corrections.Due(10));
    }

    [Fact]
    public void A_correction_is_acknowledged_by_its_own_id_and_then_no_longer_due()
    {
        var deposit = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        var correction = _store.Corrections.Record(Void(deposit, "01JDX4A1B2C3D4E5F6G7H8J9K0"), clockUnsynced: false);

        _store.Deposits.MarkSent(correction.Id);
        _store.Deposits.MarkStored([correction.Id]);

        Assert.Empty(_store.Corrections.Due(10));
        Assert.Equal(DepositState.Stored, _store.Corrections.OfDepositsBetween(Now.AddHours(-1), Now.AddHours(1))[deposit.Id].State);
        Assert.Equal(DepositState.Waiting, _store.Deposits.Find(deposit.Id)!.State);
    }

    [Fact]
    public void A_correction_survives_a_restart()
    {
        var deposit = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        var correction = _store.Corrections.Record(Void(deposit, "01JDX4A1B2C3D4E5F6G7H8J9K0"), clockUnsynced: false);

        _store.Reopen();

        Assert.Equal(correction, Assert.Single(_store.Corrections.Due(10)));
    }

    public void Dispose() => _store.Dispose();

    private CorrectionMessage Void(DepositMessage deposit, string id) => new()
    {
        Id = id,
        T = Now,
        DepositId = deposit.Id,
        DepositT = deposit.T,
        Category = deposit.Category,
        Member = deposit.Member,
        MassKg = deposit.MassKg,
        ValueIdr = deposit.ValueIdr,
        Reason = "salah kategori",
        Operator = "siti",
    };
}
