using System.Net;
using System.Net.Sockets;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>Free TCP ports on loopback, chosen by the kernel.</summary>
public static class FreePort
{
    /// <summary>
    /// A port nothing listens on right now. Someone may take it before our server binds it: the
    /// private servers notice (their log says the address is in use) and start again on a new one.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
