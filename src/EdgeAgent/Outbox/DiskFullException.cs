namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>The device's storage is full: the one reason a deposit is refused. The operator must be told plainly.</summary>
public sealed class DiskFullException : IOException
{
    public DiskFullException()
        : base("The device's storage is full; the deposit was not recorded.")
    {
    }

    public DiskFullException(string message)
        : base(message)
    {
    }

    public DiskFullException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
