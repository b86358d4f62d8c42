using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// The embedded broker's TCP and TLS listeners, as MQTTnet's own (the endpoints of <see cref="MqttServerOptions"/>)
/// but with every client's stream read through a <see cref="PacketSizeGuardStream"/>. MQTTnet 5 offers no packet
/// size limit and builds its listener's streams itself, so the listener is ours; the MQTT side is MQTTnet's own
/// channel adapter, as in its listener.
/// </summary>
public sealed class GuardedTcpServerAdapter(int maxPacketBytes) : IMqttServerAdapter
{
    /// <summary>A client that has not finished the TLS handshake by then is dropped (a half-open connection costs a socket).</summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly List<Socket> _listeners = [];
    private CancellationTokenSource? _stopping;

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The listeners are started already.");
        }

        _stopping = new CancellationTokenSource();
        try
        {
            if (options.DefaultEndpointOptions.IsEnabled)
            {
                Listen(options, options.DefaultEndpointOptions, null, logger);
            }

            if (options.TlsEndpointOptions?.IsEnabled == true)
            {
                var certificate = options.TlsEndpointOptions.CertificateProvider?.GetCertificate()
                    ?? throw new ArgumentException("The TLS endpoint has no certificate.", nameof(options));
                Listen(options, options.TlsEndpointOptions, certificate, logger);
            }
        }
        catch
        {
            Stop();
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private void Listen(MqttServerOptions server, MqttServerTcpEndpointBaseOptions endpoint, X509Certificate2? certificate, IMqttNetLogger logger)
    {
        foreach (var address in new[] { endpoint.BoundInterNetworkAddress, endpoint.BoundInterNetworkV6Address })
        {
            if (address.Equals(IPAddress.None))
            {
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // The IPv4 listener has the IPv4 side of the port: the IPv6 one must not claim it too.
                socket.DualMode = false;
            }

            if (endpoint.ReuseAddress)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }

            socket.Bind(new IPEndPoint(address, endpoint.Port));
            endpoint.Port = ((IPEndPoint)socket.LocalEndPoint!).Port; // port 0: the IPv6 listener takes the same one
            socket.Listen(endpoint.ConnectionBacklog);
            _listeners.Add(socket);
            _ = AcceptAsync(socket, server, endpoint, certificate, logger, _stopping!.Token);
        }
    }

    private async Task AcceptAsync(
        Socket listener, MqttServerOptions server, MqttServerTcpEndpointBaseOptions endpoint, X509Certificate2? certificate, IMqttNetLogger logger, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // one client's failed accept (reset before it was taken) does not stop the listener
            }

            _ = ServeAsync(client, server, endpoint, certificate, logger, stopping);
        }
    }

    private async Task ServeAsync(
        Socket client, MqttServerOptions server, MqttServerTcpEndpointBaseOptions endpoint, X509Certificate2? certificate, IMqttNetLogger logger, CancellationToken stopping)
    {
        Stream stream = new NetworkStream(client, ownsSocket: true);
        try
        {
            client.NoDelay = endpoint.NoDelay;
            var local = client.LocalEndPoint!;
            var remote = client.RemoteEndPoint!;
            X509Certificate2? clientCertificate = null;
            if (certificate is not null && endpoint is MqttServerTlsTcpEndpointOptions tls)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false, tls.RemoteCertificateValidationCallback);
                stream = ssl;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                handshake.CancelAfter(HandshakeTimeout);
                await ssl.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions
                    {
                        ServerCertificate = certificate,
                        ClientCertificateRequired = tls.ClientCertificateRequired,
                        EnabledSslProtocols = tls.SslProtocol,
                        CertificateRevocationCheckMode = tls.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
                        EncryptionPolicy = EncryptionPolicy.RequireEncryption,
                        CipherSuitesPolicy = tls.CipherSuitesPolicy,
                    },
                    handshake.Token).ConfigureAwait(false);
                clientCertificate = ssl.RemoteCertificate is { } remoteCertificate
                    ? X509CertificateLoader.LoadCertificate(remoteCertificate.Export(X509ContentType.Cert))
                    : null;
            }

            if (ClientHandler is not { } handler)
            {
                return;
            }

            stream = new PacketSizeGuardStream(stream, maxPacketBytes);
            var channel = new MqttTcpChannel(stream, local, remote, clientCertificate);
            var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(server.WriterBufferSize, server.WriterBufferSizeMax));
            using var adapter = new MqttChannelAdapter(channel, formatter, logger);
            adapter.AllowPacketFragmentation = endpoint.AllowPacketFragmentation;
            await handler(adapter).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                                       or System.Security.Authentication.AuthenticationException)
        {
            // The client went away, failed its handshake, or sent an oversized packet: only its connection ends.
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Stop()
    {
        _stopping?.Cancel();
        _stopping?.Dispose();
        _stopping = null;
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _listeners.Clear();
    }
}
