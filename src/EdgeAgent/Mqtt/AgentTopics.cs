using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>This device's topics, built once from its site and device ids.</summary>
public sealed class AgentTopics(IOptions<AgentOptions> options)
{
    public string Telemetry { get; } = DeviceTopic.Build(options.Value.Site, options.Value.Device, DeviceChannel.Telemetry);

    public string Deposit { get; } = DeviceTopic.Build(options.Value.Site, options.Value.Device, DeviceChannel.Deposit);

    public string Correction { get; } = DeviceTopic.Build(options.Value.Site, options.Value.Device, DeviceChannel.Correction);

    public string Status { get; } = DeviceTopic.Build(options.Value.Site, options.Value.Device, DeviceChannel.Status);

    public string Config { get; } = DeviceTopic.Build(options.Value.Site, options.Value.Device, DeviceChannel.Config);

    public string Ack { get; } = DeviceTopic.Build(options.Value.Site, options.Value.Device, DeviceChannel.Ack);
}
