namespace Pontive.Iot.EdgeAgent.Deposits;

/// <summary>A deposit that breaks the wire contract's rules (no weight, a bad member number…); nothing was recorded.</summary>
public sealed class InvalidDepositException : Exception
{
    public InvalidDepositException()
    {
    }

    public InvalidDepositException(string message)
        : base(message)
    {
    }

    public InvalidDepositException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
