using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>
/// A TCP relay between a device and its broker that a test can cut and restore, like a patchy network: while cut,
/// open connections are dropped and new ones are refused (accepted, then closed at once). It holds its own port,
/// so nothing else on the machine can answer in the broker's place while the link is down.
/// </summary>
public sealed class TcpCutProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Guid, (TcpClient Device, TcpClient Broker)> _links = new();
    private readonly Task _accepting;
    private volatile bool _isCut;

    public TcpCutProxy(int targetPort, bool startCut = false)
    {
        TargetPort = targetPort;
        _isCut = startCut;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Where devices connect.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Where the relay forwards to; may be changed while cut (a broker that comes back on a new port).</summary>
    public int TargetPort { get; set; }

    public bool IsCut => _isCut;

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void Cut()
    {
        _isCut = true;
        foreach (var (id, link) in _links)
        {
            Close(link);
            _links.TryRemove(id, out _);
        }
    }

    public void Restore() => _isCut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Cut();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private static void Close((TcpClient Device, TcpClient Broker) link)
    {
        link.Device.Dispose();
        link.Broker.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var device = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            if (_isCut)
            {
                device.Client.LingerState = new LingerOption(true, 0);
                device.Dispose();
                continue;
            }

            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(IPAddress.Loopback, TargetPort, _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                device.Dispose();
                broker.Dispose();
                continue;
            }

            var id = Guid.NewGuid();
            _links[id] = (device, broker);
            _ = RelayAsync(id, device, broker);
        }
    }

    private async Task RelayAsync(Guid id, TcpClient device, TcpClient broker)
    {
        try
        {
            var up = device.GetStream().CopyToAsync(broker.GetStream(), _stop.Token);
            var down = broker.GetStream().CopyToAsync(device.GetStream(), _stop.Token);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // One side went away: the link is over.
        }
        finally
        {
            if (_links.TryRemove(id, out var link))
            {
                Close(link);
            }
        }
    }
}
