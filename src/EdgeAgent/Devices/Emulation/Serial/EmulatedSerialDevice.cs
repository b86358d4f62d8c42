using System.Runtime.InteropServices;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

/// <summary>
/// An emulated device at the far end of a serial port, seen by the driver as the <see cref="Stream"/> a real port
/// hands out (<c>SerialPort.BaseStream</c>). The device transmits on its own schedule, paced by the
/// <see cref="TimeProvider"/> (<see cref="TransmitEvery"/>, <see cref="OnScheduledTransmission"/>), and hears what the
/// driver writes (<see cref="OnHostData"/>). Line faults from the <see cref="SerialDeviceScenario"/> and the switches
/// below act on the bytes as a bad cable or a missing device would.
/// </summary>
/// <remarks>
/// Reads behave as on Linux's <c>SerialStream</c>: a read returns as soon as any byte is there; a synchronous
/// <see cref="Read(Span{byte})"/> gives up after <see cref="ReadTimeout"/> (measured on the <see cref="TimeProvider"/>)
/// with a <see cref="TimeoutException"/>; <see cref="ReadAsync(Memory{byte}, CancellationToken)"/> ignores
/// <see cref="ReadTimeout"/>, as the real one does, and ends only by its token. A driver therefore always reads with
/// a deadline on its token. Unread input is held up to <see cref="ReceiveBufferCapacity"/> bytes, like the kernel's
/// tty buffer; what arrives beyond that is lost. Subclass callbacks run under the device's lock.
/// </remarks>
internal abstract class EmulatedSerialDevice : Stream
{
    /// <summary>Linux keeps 4 KiB of unread tty input; bytes arriving into a full buffer are dropped.</summary>
    public const int ReceiveBufferCapacity = 4096;

    /// <summary>Bytes the device never makes sense of are forgotten beyond this, as a device's own UART buffer would.</summary>
    private const int CommandBufferCapacity = 256;

    private const int GarbageChannel = 1;
    private const int CorruptionChannel = 2;
    private const int PartialChannel = 3;
    private const int ByteChannel = 4;

    private readonly Lock _gate = new();
    private readonly Queue<byte> _toHost = new();
    private readonly List<byte> _fromHost = [];
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _silentWindows = [];
    private readonly List<string> _commandsHeard = [];
    private readonly SerialDeviceScenario _faults;
    private readonly SeededNoise _dice;
    private TaskCompletionSource _bytesArrived = NewSignal();
    private TaskCompletionSource _readerWaiting = NewSignal();
    private bool _corruptNextFrame;
    private bool _cutNextFrame;
    private ITimer? _ticker;
    private TimeSpan _period;
    private DateTimeOffset _nextTransmission;
    private long _faultRolls;
    private bool _absent;
    private bool _portLost;
    private bool _disposed;
    private int _readTimeout = 2000;
    private int _writeTimeout = 2000;
    private int _maxBytesPerRead = int.MaxValue;

    protected EmulatedSerialDevice(SerialDeviceScenario scenario, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _faults = scenario;
        _dice = new SeededNoise(scenario.FaultSeed);
        TimeProvider = timeProvider;
        _absent = scenario.AbsentAtStart;
        if (scenario.HasFailureWindow)
        {
            ScheduleOutage(scenario.FailFrom ?? DateTimeOffset.MinValue, scenario.FailUntil ?? DateTimeOffset.MaxValue);
        }
    }

    /// <summary>Nothing at the other end: no byte arrives, written bytes go nowhere, reads wait until their deadline.</summary>
    public bool Absent
    {
        get { lock (_gate) { return _absent; } }
        set { lock (_gate) { _absent = value; } }
    }

    /// <summary>At most this many bytes per read, to deliver frames in pieces (1: byte by byte) as a slow UART does.</summary>
    public int MaxBytesPerRead
    {
        get { lock (_gate) { return _maxBytesPerRead; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            lock (_gate) { _maxBytesPerRead = value; }
        }
    }

    /// <summary>Frames the device has sent, including those the faults spoiled.</summary>
    public long FramesSent { get; private set; }

    /// <summary>Bytes lost because the driver did not read them before the receive buffer filled.</summary>
    public long BytesOverrun { get; private set; }

    /// <summary>The commands the device understood, in order: what the driver asked of it.</summary>
    public IReadOnlyList<string> CommandsHeard
    {
        get { lock (_gate) { return [.. _commandsHeard]; } }
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override bool CanTimeout => true;

    /// <summary>For synchronous reads, in milliseconds; <see cref="Timeout.Infinite"/> waits for ever. 2000 by default, as the agent opens real ports.</summary>
    public override int ReadTimeout
    {
        get => _readTimeout;
        set => _readTimeout = value is > 0 or Timeout.Infinite ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout is positive or Timeout.Infinite.");
    }

    /// <summary>Kept for the API; writes never block on an emulated line.</summary>
    public override int WriteTimeout
    {
        get => _writeTimeout;
        set => _writeTimeout = value is > 0 or Timeout.Infinite ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout is positive or Timeout.Infinite.");
    }

    public override long Length => throw new NotSupportedException("A serial port has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A serial port has no position.");
        set => throw new NotSupportedException("A serial port has no position.");
    }

    protected TimeProvider TimeProvider { get; }

    /// <summary>From <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) the device is silent and deaf.</summary>
    public void ScheduleOutage(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "An outage must end after it starts.");
        }

        lock (_gate)
        {
            _silentWindows.Add((start, end));
        }
    }

    /// <summary>The next frame the device sends has one bit flipped in its body (a glitch on the wire); later ones are clean.</summary>
    public void CorruptNextFrame()
    {
        lock (_gate)
        {
            _corruptNextFrame = true;
        }
    }

    /// <summary>Only the first half of the next frame the device sends arrives; later ones are whole.</summary>
    public void CutNextFrame()
    {
        lock (_gate)
        {
            _cutNextFrame = true;
        }
    }

    /// <summary>Completes when a read next finds no byte and starts to wait: the moment a test may move the clock past its deadline.</summary>
    internal Task WhenReaderWaits()
    {
        lock (_gate)
        {
            return _readerWaiting.Task;
        }
    }

    /// <summary>
    /// The USB serial adapter is pulled out: the port itself is gone. Pending and later reads and writes fail with an
    /// <see cref="IOException"/>, as on Linux when /dev/ttyUSB0 disappears under an open port.
    /// </summary>
    public void DisconnectPort()
    {
        lock (_gate)
        {
            _portLost = true;
            WakeReaders();
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var received = new byte[buffer.Length];
        using var deadline = _readTimeout == Timeout.Infinite ? null : new CancellationTokenSource(TimeSpan.FromMilliseconds(_readTimeout), TimeProvider);
        int count;
        try
        {
            count = ReadAsync(received, deadline?.Token ?? CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No byte arrived on the emulated serial port within {_readTimeout} ms.");
        }

        received.AsSpan(0, count).CopyTo(buffer);
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Read the clock outside the lock: a fake clock runs due timer callbacks from inside GetUtcNow.
            var now = TimeProvider.GetUtcNow();
            Task arrival;
            lock (_gate)
            {
                ThrowIfUnusable();
                CatchUp(now);
                if (_toHost.Count > 0)
                {
                    var count = Math.Min(Math.Min(buffer.Length, _toHost.Count), _maxBytesPerRead);
                    var span = buffer.Span;
                    for (var i = 0; i < count; i++)
                    {
                        span[i] = _toHost.Dequeue();
                    }

                    return count;
                }

                arrival = _bytesArrived.Task;
                var waiting = _readerWaiting;
                _readerWaiting = NewSignal();
                waiting.TrySetResult();
            }

            await arrival.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        Write(buffer.AsSpan(offset, count));
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var now = TimeProvider.GetUtcNow();
        lock (_gate)
        {
            ThrowIfUnusable();

            // What the device had due before the command reached it goes out first.
            CatchUp(now);
            if (IsSilentAt(now))
            {
                return;
            }

            _fromHost.AddRange(buffer);
            while (_fromHost.Count > 0)
            {
                var consumed = OnHostData(CollectionsMarshal.AsSpan(_fromHost), now);
                if (consumed <= 0)
                {
                    break;
                }

                _fromHost.RemoveRange(0, Math.Min(consumed, _fromHost.Count));
            }

            if (_fromHost.Count > CommandBufferCapacity)
            {
                _fromHost.Clear();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A serial port cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A serial port has no length.");

    /// <summary>
    /// Makes the device call <see cref="OnScheduledTransmission"/> every <paramref name="period"/> from now on. Each
    /// call gets the instant it was due, so a clock advanced by a minute yields a minute's worth of frames with their
    /// own times, as a real device would have sent them.
    /// </summary>
    protected void TransmitEvery(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var now = TimeProvider.GetUtcNow();
        lock (_gate)
        {
            _period = period;
            _nextTransmission = now + period;
            _ticker?.Dispose();
            _ticker = TimeProvider.CreateTimer(_ => OnTick(), null, period, period);
        }
    }

    /// <summary>A scheduled transmission is due at <paramref name="at"/>; the device sends what it has then (or nothing). Under the lock.</summary>
    protected virtual void OnScheduledTransmission(DateTimeOffset at)
    {
    }

    /// <summary>
    /// Bytes from the driver that the device has not consumed yet, starting with the oldest. Returns how many it
    /// consumed: a whole command, or junk it skips; 0 when <paramref name="pending"/> is the start of a command still
    /// arriving. Under the lock.
    /// </summary>
    protected abstract int OnHostData(ReadOnlySpan<byte> pending, DateTimeOffset now);

    /// <summary>Notes a command the device understood, for tests to see what the driver asked. Under the lock.</summary>
    protected void RecordCommand(string name) => _commandsHeard.Add(name);

    /// <summary>True when the device cannot be heard at <paramref name="time"/>: absent or in an outage.</summary>
    protected bool IsSilentAt(DateTimeOffset time)
    {
        if (_absent)
        {
            return true;
        }

        foreach (var (start, end) in _silentWindows)
        {
            if (time >= start && time < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sends one frame through the scenario's line faults: maybe garbage before it, maybe one bit flipped inside
    /// <paramref name="body"/> (the bytes a checksum covers), maybe only its first bytes. Under the lock.
    /// </summary>
    protected void TransmitFrame(ReadOnlySpan<byte> frame, Range body)
    {
        FramesSent++;
        var bytes = frame.ToArray();
        if (Roll(_faults.GarbageRate))
        {
            var garbage = 1 + (int)(Unit(ByteChannel) * 8);
            for (var i = 0; i < garbage; i++)
            {
                Enqueue((byte)(Unit(ByteChannel) * 256));
            }
        }

        var (start, length) = body.GetOffsetAndLength(bytes.Length);
        if (length > 0 && (_corruptNextFrame || Roll(_faults.CorruptFrameRate)))
        {
            var index = start + (int)(Unit(CorruptionChannel) * length);
            bytes[index] ^= (byte)(1 << (int)(Unit(CorruptionChannel) * 8));
        }

        var sent = bytes.Length;
        if (_cutNextFrame && bytes.Length > 1)
        {
            sent = bytes.Length / 2;
        }
        else if (bytes.Length > 1 && Roll(_faults.PartialFrameRate))
        {
            sent = 1 + (int)(Unit(PartialChannel) * (bytes.Length - 1));
        }

        _corruptNextFrame = false;
        _cutNextFrame = false;

        foreach (var value in bytes.AsSpan(0, sent))
        {
            Enqueue(value);
        }

        WakeReaders();
    }

    /// <summary>Sends bytes exactly as given, outside the fault model (a test's hand-made line noise). Under the lock.</summary>
    protected void TransmitRaw(ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            Enqueue(value);
        }

        WakeReaders();
    }

    /// <summary>Puts <paramref name="bytes"/> on the line as they are, for tests that hand-craft what the device says.</summary>
    public void InjectBytes(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            TransmitRaw(bytes);
        }
    }

    /// <summary>Runs <paramref name="action"/> under the device's lock, for subclass state changed from outside.</summary>
    protected void WithLock(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            action();
        }
    }

    /// <summary>Reads subclass state under the device's lock.</summary>
    protected T WithLock<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _disposed = true;
                _ticker?.Dispose();
                _ticker = null;
                WakeReaders();
            }
        }

        base.Dispose(disposing);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void OnTick()
    {
        var now = TimeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_disposed)
            {
                CatchUp(now);
            }
        }
    }

    /// <summary>Runs every scheduled transmission due by <paramref name="now"/>, each at its own instant, skipping silent ones.</summary>
    private void CatchUp(DateTimeOffset now)
    {
        if (_ticker is null)
        {
            return;
        }

        while (_nextTransmission <= now)
        {
            var at = _nextTransmission;
            _nextTransmission += _period;
            if (!IsSilentAt(at))
            {
                OnScheduledTransmission(at);
            }
        }
    }

    private void Enqueue(byte value)
    {
        if (_toHost.Count >= ReceiveBufferCapacity)
        {
            BytesOverrun++;
            return;
        }

        _toHost.Enqueue(value);
    }

    private void WakeReaders()
    {
        var woken = _bytesArrived;
        _bytesArrived = NewSignal();
        woken.TrySetResult();
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_portLost)
        {
            throw new IOException("The serial port is gone: its USB adapter was unplugged (emulated).");
        }
    }

    private bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        return Unit(0) < rate;
    }

    /// <summary>A fresh value in [0, 1) from the fault seed; the same sequence of draws run after run.</summary>
    private double Unit(int channel) => (_dice.At(_faultRolls++, channel) + 1.0) / 2.0;
}
