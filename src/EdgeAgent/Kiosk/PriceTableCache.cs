using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// The price table the city sends on the device's retained <c>config</c> topic, kept in the agent's database so the
/// kiosk works from it offline and after a restart. A table that fails the contract's rules is ignored (logged);
/// the last good one stays.
/// </summary>
public sealed class PriceTableCache : IHostedService
{
    private const string SettingName = "config";

    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;
    private readonly KioskOptions _options;
    private readonly ILogger<PriceTableCache> _logger;
    private CachedPriceTable? _current;

    public PriceTableCache(BrokerConnection broker, AgentTopics topics, AgentDatabase database, TimeProvider time, IOptions<KioskOptions> options, ILogger<PriceTableCache> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _current = Load();
        broker.Subscribe(topics.Config, (payload, _) =>
        {
            Receive(payload.Span);
            return Task.CompletedTask;
        });
    }

    /// <summary>Raised when a new price table was taken.</summary>
    public event Action<CachedPriceTable>? Changed;

    public CachedPriceTable? Current => _current;

    /// <summary>No table yet, or it took effect longer ago than <see cref="KioskOptions.PriceTableMaxAge"/>.</summary>
    public bool IsStale => _current is null || _time.GetUtcNow() - _current.Table.EffectiveFrom > _options.PriceTableMaxAge;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Takes a config message (as the city sends it); returns false when it was not accepted.</summary>
    public bool Receive(ReadOnlySpan<byte> payload)
    {
        var config = PayloadDecoder.DecodeConfig(payload);
        if (!config.IsValid)
        {
            Log.ConfigIgnored(_logger, config.Rejection.ToString());
            return false;
        }

        if (config.Message.PriceTable is not { } table)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        lock (_database.Gate)
        {
            using var upsert = _database.Command("""
                INSERT INTO agent_setting (name, value, updated_ms) VALUES ($name, $value, $now)
                ON CONFLICT (name) DO UPDATE SET value = $value, updated_ms = $now;
                """);
            upsert.Parameters.AddWithValue("$name", SettingName);
            upsert.Parameters.AddWithValue("$value", PayloadEncoder.Encode(config.Message));
            upsert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            upsert.ExecuteNonQuery();
        }

        var current = new CachedPriceTable(table, now);
        _current = current;
        Log.PriceTableReceived(_logger, table.Version, table.Categories.Count);
        Changed?.Invoke(current);
        return true;
    }

    private CachedPriceTable? Load()
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("SELECT value, updated_ms FROM agent_setting WHERE name = $name;");
            select.Parameters.AddWithValue("$name", SettingName);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var config = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.ConfigMessage);
            return config?.PriceTable is { } table ? new CachedPriceTable(table, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))) : null;
        }
    }
}

/// <summary>A price table and when the device received it.</summary>
public sealed record CachedPriceTable(PriceTable Table, DateTimeOffset ReceivedAt)
{
    public PriceCategory? Category(string code) => Table.Categories.FirstOrDefault(c => c.Code == code);
}
