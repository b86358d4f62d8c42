using System.Net;
using System.Net.Sockets;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>"Does it serve yet?" for each server, the same checks scripts/lib/servers.sh makes.</summary>
public static class ReadinessProbes
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>InfluxDB answers GET /ping with 204 once it serves writes and queries.</summary>
    public static async Task<bool> InfluxDbPingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/ping"), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The per-request timeout: not up yet.
            return false;
        }
    }

    /// <summary>Mosquitto and nginx accept connections once they serve.</summary>
    public static async Task<bool> TcpPortOpenAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
