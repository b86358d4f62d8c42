using System.Net;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// The IPv4 and IPv6 addresses an MQTTnet listener binds for one configured address. MQTTnet binds both families and
/// defaults the IPv6 one to every interface, so a broker told to listen on 127.0.0.1 would also listen on [::] (every
/// interface): loopback means both loopbacks, one specific address means that address alone.
/// </summary>
public sealed record ListenAddresses(IPAddress V4, IPAddress V6)
{
    /// <exception cref="FormatException">Not an IP address.</exception>
    public static ListenAddresses For(string address)
    {
        var ip = IPAddress.Parse(address);
        if (IPAddress.IsLoopback(ip))
        {
            return new ListenAddresses(IPAddress.Loopback, IPAddress.IPv6Loopback);
        }

        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return new ListenAddresses(IPAddress.Any, IPAddress.IPv6Any);
        }

        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? new ListenAddresses(IPAddress.None, ip)
            : new ListenAddresses(ip, IPAddress.None);
    }

    public static bool IsLoopback(string address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    /// <summary>A host name or address that means this machine: <c>localhost</c> or a loopback address.</summary>
    public static bool IsThisMachine(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || IsLoopback(host);
}
