using System.Net;
using System.Net.Sockets;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>Loopback ports chosen by the kernel.</summary>
public static class FreePort
{
    /// <summary>A port nothing listens on right now (connecting to it is refused).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
