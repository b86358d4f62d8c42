namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>Where the roll-up set-up stands, for <c>GET /reports/status</c>.</summary>
public sealed class RollupStatus
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _state = "pending";
    private string? _lastError;
    private DateTimeOffset? _readyAt;
    private int _attempts;

    /// <summary><c>pending</c> (not tried yet, or retrying), <c>ready</c>, or <c>not_managed</c>.</summary>
    public string State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    public string? LastError
    {
        get
        {
            lock (_gate)
            {
                return _lastError;
            }
        }
    }

    public DateTimeOffset? ReadyAt
    {
        get
        {
            lock (_gate)
            {
                return _readyAt;
            }
        }
    }

    public int Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts;
            }
        }
    }

    /// <summary>Completes when the set-up has succeeded.</summary>
    public Task WhenReady => _ready.Task;

    internal void Failed(string error)
    {
        lock (_gate)
        {
            _attempts++;
            _lastError = error;
        }
    }

    internal void Ready(DateTimeOffset at)
    {
        lock (_gate)
        {
            _attempts++;
            _state = "ready";
            _readyAt = at;
            _lastError = null;
        }

        _ready.TrySetResult();
    }

    internal void NotManaged()
    {
        lock (_gate)
        {
            _state = "not_managed";
        }
    }
}
