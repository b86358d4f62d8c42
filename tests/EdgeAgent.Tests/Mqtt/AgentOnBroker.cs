using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Mqtt;

/// <summary>
/// The agent's MQTT side as the host wires it (one <see cref="BrokerConnection"/>, the publishers and listeners added by
/// the test) over an <see cref="AgentStore"/>, connected to an <see cref="InProcessBroker"/>.
/// </summary>
internal sealed class AgentOnBroker : IAsyncDisposable
{
    private readonly List<IHostedService> _services = [];

    public AgentOnBroker(InProcessBroker broker, AgentStore store)
    {
        Store = store;
        Agent = Options.Create(new AgentOptions { Site = "bank-sungai-jawi", Device = "scale-01" });
        Mqtt = Options.Create(new MqttOptions
        {
            Host = "127.0.0.1",
            Port = broker.Port,
            ReconnectDelay = TimeSpan.FromSeconds(1),
            ReconnectDelayMax = TimeSpan.FromMinutes(1),
            PublishTimeout = Timeouts.Test,
        });
        Topics = new AgentTopics(Agent);
        Trust = ClockTrusts.Trusted(store.Clock);
        Connection = new BrokerConnection(Mqtt, Agent, Topics, store.Clock, NullLogger<BrokerConnection>.Instance);
    }

    public AgentStore Store { get; }

    public IOptions<AgentOptions> Agent { get; }

    public IOptions<MqttOptions> Mqtt { get; }

    public AgentTopics Topics { get; }

    public ClockTrust Trust { get; }

    public BrokerConnection Connection { get; }

    /// <summary>A service started once the connection is up (listeners subscribe in their constructor, before it).</summary>
    public void Add(IHostedService service) => _services.Add(service);

    public async Task StartAsync()
    {
        await Connection.StartAsync(CancellationToken.None);
        await Connection.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(Timeouts.Test);
        foreach (var service in _services)
        {
            await service.StartAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_services))
        {
            await service.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Test);
            (service as IDisposable)?.Dispose();
        }

        await Connection.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Test);
        Connection.Dispose();
        Trust.Dispose();
    }
}
