using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Mqtt;

/// <summary>A deposit from the ledger to the city's broker and back: sent, refused, sent again, acknowledged as stored.</summary>
public sealed class DepositDeliveryTests : IAsyncLifetime
{
    private readonly AgentStore _store = new(options: new OutboxOptions { DepositAckTimeout = TimeSpan.FromMinutes(5) });
    private InProcessBroker _broker = null!;
    private AgentOnBroker _agent = null!;

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        _broker = await InProcessBroker.StartAsync();
        _agent = new AgentOnBroker(_broker, _store);
        _agent.Add(new DepositAckListener(_agent.Connection, _agent.Topics, _store.Deposits, NullLogger<DepositAckListener>.Instance));
        _agent.Add(new DepositPublisher(_store.Deposits, _store.Corrections, _agent.Connection, _agent.Topics, _agent.Trust, _agent.Mqtt, _store.Clock, NullLogger<DepositPublisher>.Instance));
        await _agent.StartAsync();
    }

    [Fact]
    public async Task A_recorded_deposit_is_sent_as_recorded_and_turns_stored_when_the_city_acknowledges_it()
    {
        var recorded = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        var sent = await NextDepositAsync();
        Assert.Equal(recorded, sent);
        Assert.Equal(1, (await WaitForStateAsync(recorded.Id, DepositState.Sent)).Sends);

        await AcknowledgeAsync(recorded.Id);

        var stored = await WaitForStateAsync(recorded.Id, DepositState.Stored);
        Assert.Equal(Now, stored.StoredAt);
    }

    [Fact]
    public async Task A_deposit_the_city_refuses_for_good_is_kept_as_refused_with_the_citys_reason()
    {
        _broker.AnswerNext(MqttPubAckReasonCode.PayloadFormatInvalid, "$.value_idr is 7000 but 2.345 kg × 3000 IDR/kg = 7035");
        var recorded = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        var refused = await WaitForStateAsync(recorded.Id, DepositState.Refused);

        Assert.Equal("$.value_idr is 7000 but 2.345 kg × 3000 IDR/kg = 7035", refused.Refusal);
    }

    [Fact]
    public async Task A_deposit_without_acknowledgement_is_sent_again_unchanged_exactly_when_the_ack_timeout_ends()
    {
        var recorded = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        await NextDepositAsync();
        await WaitForStateAsync(recorded.Id, DepositState.Sent);

        await _store.Clock.RunAsync(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1), parkedLoops: 1);
        Assert.True(_broker.NothingPublished);
        await _store.Clock.RunAsync(TimeSpan.FromMilliseconds(1), parkedLoops: 1);

        Assert.Equal(recorded, await NextDepositAsync());
        await AcknowledgeAsync(recorded.Id);
        var stored = await WaitForStateAsync(recorded.Id, DepositState.Stored);
        Assert.Equal(2, stored.Sends);
    }

    [Fact]
    public async Task A_malformed_acknowledgement_is_ignored_and_the_next_good_one_still_counts()
    {
        var recorded = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        await WaitForStateAsync(recorded.Id, DepositState.Sent);

        await _broker.PublishToDeviceAsync(_agent.Topics.Ack, "{\"v\":1,\"ids\":[\"not-a-ulid\"]"u8.ToArray());
        await AcknowledgeAsync(recorded.Id);

        Assert.Equal(DepositState.Stored, (await WaitForStateAsync(recorded.Id, DepositState.Stored)).State);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _broker.DisposeAsync();
        _store.Dispose();
    }

    private Task AcknowledgeAsync(string depositId) =>
        _broker.PublishToDeviceAsync(_agent.Topics.Ack, PayloadEncoder.Encode(new AckMessage { T = Now, Ids = [depositId] }));

    private async Task<DepositMessage> NextDepositAsync()
    {
        var decoded = PayloadDecoder.DecodeDeposit((await _broker.NextAsync(_agent.Topics.Deposit)).Payload);
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());
        return decoded.Message!;
    }

    /// <summary>Waits, on the ledger's own change notifications, until the deposit is in <paramref name="state"/>.</summary>
    private async Task<RecordedDeposit> WaitForStateAsync(string depositId, DepositState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (_store.Deposits.Find(depositId)?.State == state)
            {
                reached.TrySetResult();
            }
        }

        _store.Deposits.Changed += Check;
        try
        {
            Check();
            await reached.Task.WaitAsync(Timeouts.Test);
        }
        finally
        {
            _store.Deposits.Changed -= Check;
        }

        return _store.Deposits.Find(depositId)!;
    }
}
