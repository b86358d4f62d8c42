namespace Pontive.Iot.Contracts.Validation;

/// <summary>
/// Collects what is wrong with one message. The first problem's code classifies the rejection;
/// the reason lists the first few problems so a technician sees more than one mistake at a time.
/// </summary>
internal sealed class ProblemList
{
    private const int MaxListed = 5;
    private readonly List<(RejectionCode Code, string Text)> _problems = [];

    public bool Any => _problems.Count > 0;

    public void Add(RejectionCode code, string text) => _problems.Add((code, text));

    public Rejection? ToRejection()
    {
        if (_problems.Count == 0)
        {
            return null;
        }

        var listed = string.Join("; ", _problems.Take(MaxListed).Select(p => p.Text));
        var more = _problems.Count > MaxListed ? $"; and {_problems.Count - MaxListed} more" : string.Empty;
        return Rejection.Of(_problems[0].Code, listed + more);
    }
}
