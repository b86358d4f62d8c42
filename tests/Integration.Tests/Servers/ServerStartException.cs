namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>A server did not come up; the message ends with the last lines of its log.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException()
    {
    }

    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The server could not bind its port because something else holds it.</summary>
    public bool PortTaken { get; init; }
}
