namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// Rejects lone corrupted readings (a spike, a doubled value, a read clocked while the chip powered down) without
/// holding back real changes of load. A reading farther than <see cref="MaxJump"/> from the median of the recent
/// accepted readings is held back; if the next reading is far too, the load really moved (a bag landed, the
/// platform rings) and the filter follows it; if the next one is back near the median, the held one was a glitch.
/// </summary>
/// <remarks>Raw units throughout (ADC counts, or an indicator's divisions), so the HX711 and the serial indicator share it.</remarks>
internal sealed class GlitchFilter
{
    private readonly Queue<long> _recent = new();
    private long? _heldBack;

    /// <param name="maxJump">The largest change between readings taken as plausible without confirmation, in raw units.</param>
    /// <param name="historyLength">How many accepted readings the median is taken over.</param>
    public GlitchFilter(long maxJump, int historyLength = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxJump);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLength, 1);
        MaxJump = maxJump;
        HistoryLength = historyLength;
    }

    public long MaxJump { get; }

    public int HistoryLength { get; }

    /// <summary>Readings rejected as glitches so far: held back, and the reading after them came back near the median.</summary>
    public long Rejected { get; private set; }

    /// <summary>Offers the next reading; true when it is accepted, false when it is held back as a likely glitch.</summary>
    public bool Offer(long reading)
    {
        if (_recent.Count == 0 || Math.Abs(reading - RawMedian.Of(_recent)) <= MaxJump)
        {
            if (_heldBack is not null)
            {
                // Back near the median: the reading held back was a glitch.
                Rejected++;
                _heldBack = null;
            }

            Keep(reading);
            return true;
        }

        if (_heldBack is { } previous)
        {
            // Two far readings in a row: the load changed. Forget the old load and follow the new one.
            _heldBack = null;
            _recent.Clear();
            Keep(previous);
            Keep(reading);
            return true;
        }

        _heldBack = reading;
        return false;
    }

    /// <summary>Forgets the history (after a tare or a new calibration, the old readings say nothing about the new ones).</summary>
    public void Reset()
    {
        _recent.Clear();
        _heldBack = null;
    }

    private void Keep(long reading)
    {
        _recent.Enqueue(reading);
        while (_recent.Count > HistoryLength)
        {
            _recent.Dequeue();
        }
    }
}
