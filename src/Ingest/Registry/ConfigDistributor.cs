using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Registry;

/// <summary>
/// Keeps the device registry up to date from every stored message, and makes sure each device holds its site's
/// current configuration (the price table) as a retained message on its <c>config</c> topic: when the city sets a new
/// table, and the first time a device is heard from after Ingest started (the embedded broker forgets retained
/// messages when it restarts).
/// </summary>
public sealed class ConfigDistributor : BackgroundService
{
    private readonly IBrokerLink _broker;
    private readonly DeviceRegistry _registry;
    private readonly SiteConfigStore _configs;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigDistributor> _logger;
    private readonly Channel<DeviceTopic> _heardFrom = Channel.CreateUnbounded<DeviceTopic>();
    private readonly ConcurrentDictionary<(string Site, string Device), string> _given = new();

    public ConfigDistributor(IBrokerLink broker, DeviceRegistry registry, SiteConfigStore configs, IngestNotifications notifications, TimeProvider time, ILogger<ConfigDistributor> logger)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        _broker = broker;
        _registry = registry;
        _configs = configs;
        _time = time;
        _logger = logger;
        notifications.Stored += messages =>
        {
            foreach (var topic in messages.Select(m => m.Topic).OfType<DeviceTopic>().Distinct())
            {
                _heardFrom.Writer.TryWrite(topic);
            }
        };
    }

    /// <summary>Stores a site's new configuration and gives it to every device of the site Ingest knows.</summary>
    /// <returns>How many devices it was published to.</returns>
    public async Task<int> SetAsync(string site, ConfigMessage config, CancellationToken cancellationToken)
    {
        _configs.Save(site, config);
        var devices = _registry.AtSite(site);
        foreach (var device in devices)
        {
            await GiveAsync(site, device.Device, config, cancellationToken).ConfigureAwait(false);
        }

        Log.SiteConfigSet(_logger, site, config.PriceTable?.Version ?? "(none)", devices.Count);
        return devices.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var device in _heardFrom.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _registry.Seen(device, _time.GetUtcNow());
                if (_configs.Find(device.Site) is { } config && !IsCurrent(device.Site, device.Device, config))
                {
                    await GiveAsync(device.Site, device.Device, config, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private bool IsCurrent(string site, string device, ConfigMessage config) =>
        _given.TryGetValue((site, device), out var version) && version == VersionOf(config);

    private async Task GiveAsync(string site, string device, ConfigMessage config, CancellationToken cancellationToken)
    {
        var topic = DeviceTopic.Build(site, device, DeviceChannel.Config);
        try
        {
            await _broker.PublishToDeviceAsync(topic, PayloadEncoder.Encode(config), retain: true, cancellationToken).ConfigureAwait(false);
            _given[(site, device)] = VersionOf(config);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not marked as given: the device's next message tries again.
            Log.ConfigNotGiven(_logger, site, device, ex.Message);
        }
    }

    private static string VersionOf(ConfigMessage config) => $"{config.PriceTable?.Version}@{config.T.ToUnixTimeMilliseconds()}";
}
