using Pontive.Iot.EdgeAgent.Devices.Serial;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// A Nova Fitness SDS011 particulate sensor on a serial stream (9600 baud, 8N1), written from the control protocol
/// in the style of the Iot.Device.Bindings drivers: the device class owns the stream it is given, reads
/// measurements as UnitsNet quantities and offers the sensor's commands. No binding exists for it.
/// </summary>
/// <remarks>
/// Linux's SerialStream ignores ReadTimeout for asynchronous reads, so every asynchronous read here runs against a
/// deadline on the <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class Sds011 : IDisposable
{
    /// <summary>How long a reading may take, all queries included.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    /// <summary>An answer takes about 10 ms at 9600 baud; one not complete after this was lost or cut short, and the query is sent again.</summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromSeconds(1);

    /// <summary>Queries per reading in query mode: a rejected or lost answer is asked for again.</summary>
    public const int MaxQueries = 3;

    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly Sds011FrameParser _parser = new();
    private readonly SerialFrameReader<Sds011Measurement> _frames;
    private readonly DeadlineFrameReader<Sds011Measurement> _readings;

    public Sds011(Stream stream, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _shouldDispose = shouldDispose;
        _frames = new SerialFrameReader<Sds011Measurement>(
            stream,
            _parser,
            readBufferLength: 4 * Sds011Protocol.FrameLength,
            maxBytesPerSynchronousRead: 8 * Sds011Protocol.FrameLength,
            deviceName: "SDS011");
        _readings = new DeadlineFrameReader<Sds011Measurement>(_frames, Query, AnswerTime, timeProvider ?? TimeProvider.System, NoFrameMessage);
    }

    /// <summary>Frames rejected for a wrong tail or checksum since the device was opened.</summary>
    public long RejectedFrames => _frames.RejectedFrames;

    /// <summary>The last reply to a command: its six data bytes, the first being the command answered.</summary>
    public byte[]? LastReply => _parser.LastReply;

    /// <summary>Active (a frame every second) or query (a frame when asked). The sensor keeps the setting in flash.</summary>
    public void SetReportingMode(Sds011ReportingMode mode) =>
        Send(Sds011Protocol.ReportingMode, [Sds011Protocol.Set, (byte)mode]);

    /// <summary>Work (fan and laser on) or sleep. Readings are stable about 30 s after waking.</summary>
    public void SetWorking(bool working) =>
        Send(Sds011Protocol.SleepWork, [Sds011Protocol.Set, working ? (byte)1 : (byte)0]);

    /// <summary>0: measure continuously; 1–30: work 30 s every that many minutes and sleep in between. Kept in flash.</summary>
    public void SetWorkingPeriod(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minutes, 30);
        Send(Sds011Protocol.WorkingPeriod, [Sds011Protocol.Set, (byte)minutes]);
    }

    /// <summary>In query mode, asks for one data frame.</summary>
    public void Query() => Send(Sds011Protocol.QueryData, []);

    /// <summary>
    /// In query mode: queries and returns the answer, querying again when an answer is rejected or does not arrive
    /// within <see cref="AnswerTime"/>, up to <see cref="MaxQueries"/> times. Frames that were already waiting are old
    /// and are dropped. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public ValueTask<Sds011Measurement> RequestMeasurementAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _readings.RequestAsync(MaxQueries, timeout, cancellationToken);

    /// <summary>In active mode: the next frame the sensor sends. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public ValueTask<Sds011Measurement> ReadMeasurementAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _readings.ReadAsync(timeout, cancellationToken);

    /// <summary>
    /// Reads the next valid data frame with the stream's own read timeout, as the bindings' TryRead methods do: false
    /// when none came in time. In query mode, call <see cref="Query"/> first.
    /// </summary>
    public bool TryReadMeasurement(out Sds011Measurement measurement) => _frames.TryRead(out measurement);

    public void Dispose()
    {
        if (_shouldDispose)
        {
            _stream.Dispose();
        }
    }

    private string NoFrameMessage(TimeSpan timeout, int queries) => queries > 0
        ? $"The SDS011 sent no valid data frame within {timeout.TotalSeconds:0.#} s of {queries} queries ({RejectedFrames} frames rejected so far)."
        : $"The SDS011 sent no valid data frame within {timeout.TotalSeconds:0.#} s ({RejectedFrames} frames rejected so far).";

    private void Send(byte command, ReadOnlySpan<byte> data)
    {
        _stream.Write(Sds011Protocol.Command(command, data));
        _stream.Flush();
    }
}
