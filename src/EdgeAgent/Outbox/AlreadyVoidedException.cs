namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>A deposit can be voided once; a second correction of the same deposit is refused.</summary>
public sealed class AlreadyVoidedException : InvalidOperationException
{
    public AlreadyVoidedException()
    {
    }

    public AlreadyVoidedException(string message)
        : base(message)
    {
    }

    public AlreadyVoidedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
