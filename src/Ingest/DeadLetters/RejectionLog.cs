using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;

namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>
/// Logs rejections without flooding: the first one per sender and reason in each window is logged in full, the
/// rest are counted and reported as one line when the next window opens. A device stuck sending bad data costs
/// one or two lines a minute, not thousands.
/// </summary>
public sealed class RejectionLog
{
    private readonly ILogger<RejectionLog> _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Dictionary<(string Source, RejectionCode Code), Window> _windows = [];
    private readonly Lock _gate = new();

    public RejectionLog(ILogger<RejectionLog> logger, TimeProvider time, IOptions<DeadLetterOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _time = time;
        _window = options.Value.LogWindow;
    }

    public void Write(string source, string topic, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var now = _time.GetUtcNow();
        var summaries = new List<((string Source, RejectionCode Code) Key, long Suppressed)>();
        lock (_gate)
        {
            var key = (source, rejection.Code);
            if (_windows.TryGetValue(key, out var window) && now - window.OpenedAt < _window)
            {
                window.Suppressed++;
                return;
            }

            if (window is { Suppressed: > 0 })
            {
                summaries.Add((key, window.Suppressed));
            }

            _windows[key] = new Window(now);
            CloseQuietWindows(now, summaries);
        }

        foreach (var ((summarySource, code), suppressed) in summaries)
        {
            Log.RejectionsSuppressed(_logger, suppressed, LogSafeText.Of(summarySource), code.WireName(), _window);
        }

        // Source, topic and reason (which may quote the topic) come from the sender: one line each, whatever it sent.
        Log.Rejected(_logger, LogSafeText.Of(source), LogSafeText.Of(topic), rejection.Code.WireName(), LogSafeText.Of(rejection.Reason, maxLength: 2000));
    }

    /// <summary>
    /// Windows that ended a while ago are closed: their suppressed count is reported now (a device that stopped
    /// sending bad data still gets its summary) and they are forgotten, so the table does not grow without end.
    /// </summary>
    private void CloseQuietWindows(DateTimeOffset now, List<((string Source, RejectionCode Code) Key, long Suppressed)> summaries)
    {
        foreach (var (key, window) in _windows.Where(w => now - w.Value.OpenedAt >= _window * 2).ToList())
        {
            if (window.Suppressed > 0)
            {
                summaries.Add((key, window.Suppressed));
            }

            _windows.Remove(key);
        }
    }

    private sealed class Window(DateTimeOffset openedAt)
    {
        public DateTimeOffset OpenedAt { get; } = openedAt;

        public long Suppressed { get; set; }
    }
}
