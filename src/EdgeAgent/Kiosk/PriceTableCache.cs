using Microsoft.Data.Sqlite;
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
/// <remarks>
/// Prices apply from the table's <c>effective_from</c>, never earlier: the city may send next month's table ahead,
/// and operators must not pay tomorrow's prices today. Such a table waits (kept durably) while the table in force
/// stays in use, and takes over once the device's clock reaches its date. That is checked whenever the table is
/// read rather than by a timer: a deposit is priced by the table read at that moment, so it can never be late.
/// </remarks>
public sealed class PriceTableCache : IHostedService
{
    private readonly PriceTableStore _store;
    private readonly TimeProvider _time;
    private readonly KioskOptions _options;
    private readonly ILogger<PriceTableCache> _logger;
    private readonly Lock _gate = new();
    private CachedPriceTable? _inForce;
    private CachedPriceTable? _waiting;

    public PriceTableCache(BrokerConnection broker, AgentTopics topics, AgentDatabase database, TimeProvider time, IOptions<KioskOptions> options, ILogger<PriceTableCache> logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(options);
        _store = new PriceTableStore(database);
        _time = time;
        _options = options.Value;
        _logger = logger;
        _inForce = _store.LoadInForce();
        _waiting = _store.LoadWaiting();
        broker.Subscribe(topics.Config, (payload, _) =>
        {
            Receive(payload.Span);
            return Task.CompletedTask;
        });
    }

    /// <summary>Raised when another table came into force: received already in force, or a waiting one reaching its date.</summary>
    public event Action<CachedPriceTable>? Changed;

    /// <summary>Raised when a table was received ahead of its <c>effective_from</c> and put aside to wait for it.</summary>
    public event Action<CachedPriceTable>? Waiting;

    /// <summary>The table in force now (null before the first one).</summary>
    public CachedPriceTable? Current
    {
        get
        {
            TakeOverWhenDue();
            return _inForce;
        }
    }

    /// <summary>The table received ahead of its <c>effective_from</c>, waiting to take over (null when none).</summary>
    public CachedPriceTable? Next
    {
        get
        {
            TakeOverWhenDue();
            return _waiting;
        }
    }

    /// <summary>No table yet, or it took effect longer ago than <see cref="KioskOptions.PriceTableMaxAge"/>.</summary>
    public bool IsStale => Current is not { } current || _time.GetUtcNow() - current.Table.EffectiveFrom > _options.PriceTableMaxAge;

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
        var received = new CachedPriceTable(table, now);
        var encoded = PayloadEncoder.Encode(config.Message);
        if (table.EffectiveFrom > now)
        {
            lock (_gate)
            {
                _store.SaveWaiting(encoded, now);
                _waiting = received;
            }

            Log.PriceTableWaiting(_logger, table.Version, table.EffectiveFrom, table.Categories.Count);
            Waiting?.Invoke(received);
            return true;
        }

        lock (_gate)
        {
            _store.SaveInForce(encoded, now);
            _inForce = received;
            _waiting = null;
        }

        Log.PriceTableReceived(_logger, table.Version, table.Categories.Count);
        Changed?.Invoke(received);
        return true;
    }

    private void TakeOverWhenDue()
    {
        CachedPriceTable due;
        lock (_gate)
        {
            if (_waiting is not { } waiting || waiting.Table.EffectiveFrom > _time.GetUtcNow())
            {
                return;
            }

            due = waiting;
            _inForce = due;
            _waiting = null;
            try
            {
                _store.TakeOverWaiting();
            }
            catch (SqliteException ex)
            {
                // The prices apply by their date whether or not the database could note it (a full card): after a
                // restart the waiting table is found due and takes over again.
                Log.PriceTableTakeOverNotSaved(_logger, due.Table.Version, ex.Message);
            }
        }

        Log.PriceTableTookEffect(_logger, due.Table.Version, due.Table.EffectiveFrom);
        Changed?.Invoke(due);
    }
}

/// <summary>A price table and when the device received it.</summary>
public sealed record CachedPriceTable(PriceTable Table, DateTimeOffset ReceivedAt)
{
    public PriceCategory? Category(string code) => Table.Categories.FirstOrDefault(c => c.Code == code);
}
