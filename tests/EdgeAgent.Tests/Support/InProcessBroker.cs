using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>
/// An MQTTnet broker in the test process on a free loopback port. It records what the agent publishes and answers
/// each PUBACK as the city's broker would: stored, or a reason code the test scripts (storage down, payload refused).
/// </summary>
internal sealed class InProcessBroker : IAsyncDisposable
{
    public const string CityClientId = "city";

    private readonly MqttServer _server;
    private readonly Channel<Publication> _published = Channel.CreateUnbounded<Publication>();
    private readonly ConcurrentQueue<(MqttPubAckReasonCode Code, string Reason)> _verdicts = new();

    private InProcessBroker(int port)
    {
        Port = port;
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .WithPersistentSessions()
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(options);
        _server.InterceptingPublishAsync += OnPublishAsync;
    }

    public int Port { get; }

    public static async Task<InProcessBroker> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var broker = new InProcessBroker(port);
        await broker._server.StartAsync();
        return broker;
    }

    /// <summary>The next publish from the agent is answered with <paramref name="code"/> instead of being stored.</summary>
    public void AnswerNext(MqttPubAckReasonCode code, string reason) => _verdicts.Enqueue((code, reason));

    /// <summary>The next message the agent published on <paramref name="topic"/>, with the broker's answer.</summary>
    public async Task<Publication> NextAsync(string topic)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Test);
        while (true)
        {
            var publication = await _published.Reader.ReadAsync(timeout.Token);
            if (publication.Topic == topic)
            {
                return publication;
            }
        }
    }

    /// <summary>True when the agent published nothing (on any topic) that the test has not taken yet.</summary>
    public bool NothingPublished => !_published.Reader.TryPeek(out _);

    /// <summary>A message from the city to the device, as Ingest's embedded broker sends acknowledgements.</summary>
    public Task PublishToDeviceAsync(string topic, byte[] payload) =>
        _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build())
        {
            SenderClientId = CityClientId,
        });

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == CityClientId)
        {
            return Task.CompletedTask;
        }

        var code = MqttPubAckReasonCode.Success;
        if (_verdicts.TryDequeue(out var verdict))
        {
            code = verdict.Code;
            e.ProcessPublish = false;
            e.Response.ReasonCode = verdict.Code;
            e.Response.ReasonString = verdict.Reason;
        }

        _published.Writer.TryWrite(new Publication(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), code));
        return Task.CompletedTask;
    }

    public sealed record Publication(string Topic, byte[] Payload, MqttPubAckReasonCode Answer);
}
