namespace Pontive.Iot.EdgeAgent.Devices.Serial;

/// <summary>
/// Reads a sensor's frames against a deadline on the <see cref="TimeProvider"/>: the next frame it sends on its own,
/// or, in request mode, the answer to a request, asking again when an answer is rejected or is not complete within
/// the answer time. The deadline is the sensor's timeout for the whole reading, all requests included.
/// </summary>
/// <remarks>
/// Linux's SerialStream ignores ReadTimeout for asynchronous reads, so without a deadline on the token a read from a
/// silent sensor would wait for ever. The deadline runs on the <see cref="TimeProvider"/> so that tests move it with
/// a fake clock.
/// </remarks>
/// <typeparam name="TFrame">What the sensor's parser makes of a valid frame.</typeparam>
internal sealed class DeadlineFrameReader<TFrame>
    where TFrame : class
{
    private readonly SerialFrameReader<TFrame> _frames;
    private readonly Action _sendRequest;
    private readonly TimeSpan _answerTime;
    private readonly TimeProvider _timeProvider;
    private readonly Func<TimeSpan, int, string> _describeTimeout;

    /// <param name="frames">The sensor's frames off its stream.</param>
    /// <param name="sendRequest">Asks the sensor for one frame.</param>
    /// <param name="answerTime">How long an answer may take before it counts as lost and the request is sent again.</param>
    /// <param name="timeProvider">The clock the deadline and the answer time run on.</param>
    /// <param name="describeTimeout">
    /// The message of the <see cref="TimeoutException"/>, in the sensor's words, from the timeout and the number of
    /// requests (0 when the sensor was not asked).
    /// </param>
    public DeadlineFrameReader(
        SerialFrameReader<TFrame> frames, Action sendRequest, TimeSpan answerTime, TimeProvider timeProvider, Func<TimeSpan, int, string> describeTimeout)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(sendRequest);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(describeTimeout);
        _frames = frames;
        _sendRequest = sendRequest;
        _answerTime = answerTime;
        _timeProvider = timeProvider;
        _describeTimeout = describeTimeout;
    }

    /// <summary>
    /// Asks for a frame and returns it, asking again when an answer is rejected or does not arrive within the answer
    /// time, up to <paramref name="requests"/> times. Frames that were already waiting are old and are dropped.
    /// Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public ValueTask<TFrame> RequestAsync(int requests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        _frames.DropParsedFrames();
        return ReadAsync(requests, timeout, cancellationToken);
    }

    /// <summary>The next frame the sensor sends on its own. Throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public ValueTask<TFrame> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ReadAsync(requests: 0, timeout, cancellationToken);

    private async ValueTask<TFrame> ReadAsync(int requests, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _timeProvider);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            for (var request = 1; ; request++)
            {
                var askAgain = request < requests;
                if (requests > 0)
                {
                    _sendRequest();
                }

                // Every request but the last gets the answer time; the last one waits until the deadline.
                using var answerTime = askAgain ? new CancellationTokenSource(_answerTime, _timeProvider) : null;
                using var attempt = askAgain ? CancellationTokenSource.CreateLinkedTokenSource(reading.Token, answerTime!.Token) : null;
                try
                {
                    var frame = askAgain
                        ? await _frames.ReadUnlessRejectedAsync(attempt!.Token).ConfigureAwait(false)
                        : await _frames.ReadAsync(reading.Token).ConfigureAwait(false);
                    if (frame is not null)
                    {
                        return frame;
                    }
                }
                catch (OperationCanceledException) when (answerTime?.IsCancellationRequested == true && !reading.IsCancellationRequested)
                {
                    // No (complete) answer in time: ask again.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(_describeTimeout(timeout, requests));
        }
    }
}
