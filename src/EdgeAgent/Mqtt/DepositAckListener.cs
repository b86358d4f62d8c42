using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>
/// Listens on this device's <c>ack</c> channel: the city names the deposits it has stored, and each turns "stored"
/// in the ledger (the kiosk shows it). Acknowledgements may repeat or name deposits already stored: that is harmless.
/// </summary>
internal sealed class DepositAckListener : IHostedService
{
    private readonly DepositOutbox _deposits;
    private readonly ILogger<DepositAckListener> _logger;

    public DepositAckListener(BrokerConnection broker, AgentTopics topics, DepositOutbox deposits, ILogger<DepositAckListener> logger)
    {
        _deposits = deposits;
        _logger = logger;
        broker.Subscribe(topics.Ack, OnAckAsync);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task OnAckAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var ack = PayloadDecoder.DecodeAck(payload.Span);
        if (!ack.IsValid)
        {
            Log.AckIgnored(_logger, ack.Rejection.ToString());
            return Task.CompletedTask;
        }

        var stored = _deposits.MarkStored(ack.Message.Ids);
        Log.DepositsAcknowledged(_logger, ack.Message.Ids.Count, stored);
        return Task.CompletedTask;
    }
}
