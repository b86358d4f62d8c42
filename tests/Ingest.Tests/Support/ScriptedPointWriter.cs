using System.Threading.Channels;
using InfluxDB.Client.Writes;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// An InfluxDB stand-in: records every write as its lines of line protocol and answers as the test scripts it
/// (accept, fail, or hold the write until the test lets it go).
/// </summary>
public sealed class ScriptedPointWriter : IPointWriter
{
    private readonly Channel<WriteCall> _calls = Channel.CreateUnbounded<WriteCall>();
    private readonly List<IReadOnlyList<string>> _writes = [];
    private readonly Lock _gate = new();

    /// <summary>What each write does; by default InfluxDB takes everything.</summary>
    public Func<IReadOnlyList<string>, Task> Answer { get; set; } = _ => Task.CompletedTask;

    public string Destination => "scripted InfluxDB";

    /// <summary>Every write attempt so far, each as its lines.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    public async Task WriteAsync(IReadOnlyList<PointData> points, CancellationToken cancellationToken)
    {
        var lines = points.Select(p => p.ToLineProtocol()).ToList();
        lock (_gate)
        {
            _writes.Add(lines);
        }

        var call = new WriteCall(lines);
        _calls.Writer.TryWrite(call);
        await Answer(lines).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next write attempt, as soon as the writer is called.</summary>
    public async Task<WriteCall> NextCallAsync() =>
        await _calls.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Test).ConfigureAwait(false);

    public static InfluxWriteException Unavailable() =>
        new("InfluxDB answered 503: service unavailable", isRetryable: true, statusCode: 503);

    public static InfluxWriteException Refused(string why = "field type conflict") =>
        new($"InfluxDB answered 400: {why}", isRetryable: false, statusCode: 400);

    public sealed record WriteCall(IReadOnlyList<string> Lines);
}
