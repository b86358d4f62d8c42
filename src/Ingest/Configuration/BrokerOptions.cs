using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Configuration;

public enum BrokerMode
{
    /// <summary>Ingest runs its own MQTTnet broker: the one-machine default.</summary>
    Embedded,

    /// <summary>Ingest subscribes to a broker run elsewhere (Mosquitto, EMQX, …).</summary>
    External,
}

/// <summary>Where device messages come from: section <c>Broker</c>.</summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>Embedded: the address the broker listens on. Plain TCP belongs on loopback or a closed LAN.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>External: the broker's host name or address.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Embedded: the port to listen on. External: the port to connect to.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>
    /// Embedded: the broker's certificate (PEM, <c>pontive-ingest ca init</c> writes one signed by the city CA). When
    /// set, the broker also listens with TLS on <see cref="TlsBindAddress"/>:<see cref="TlsPort"/>.
    /// </summary>
    public string? TlsCertificate { get; set; }

    /// <summary>Embedded: the private key of <see cref="TlsCertificate"/> (PEM, readable by Ingest only).</summary>
    public string? TlsPrivateKey { get; set; }

    /// <summary>Embedded: the address the TLS listener binds, every interface by default: this is the port devices use.</summary>
    public string TlsBindAddress { get; set; } = "0.0.0.0";

    /// <summary>Embedded: the TLS port.</summary>
    [Range(1, 65535)]
    public int TlsPort { get; set; } = 8883;

    /// <summary>
    /// Embedded: the largest MQTT packet a client may send, in bytes. The wire contract's payloads stop at 64 KiB; the
    /// default leaves 4 KiB for the topic and properties (as the generated Mosquitto configuration does). A larger
    /// packet closes the connection before the broker has allocated room for it.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxPacketBytes { get; set; } = 69632;

    /// <summary>External: connect with TLS, checking the broker's certificate against <see cref="CaCertificate"/> (or the system's roots).</summary>
    public bool UseTls { get; set; }

    /// <summary>
    /// External: lets Ingest send its password without TLS to a broker on another machine, which it otherwise refuses
    /// to start with. Only for a broker on a private network the city trusts end to end.
    /// </summary>
    public bool AllowPlainTextPassword { get; set; }

    /// <summary>External, with <see cref="UseTls"/>: the city CA's certificate (PEM) the broker's certificate must be signed by.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>External: Ingest's client id; with a persistent session the broker keeps messages for it while it is away.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "Broker:ClientId must be 1-64 letters, digits, '.', '_' or '-'.")]
    public string ClientId { get; set; } = "pontive-ingest";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>External: messages received but not yet stored (and so not acknowledged); the broker holds the rest.</summary>
    [Range(1, 65535)]
    public int MaxUnacknowledged { get; set; } = 1000;

    /// <summary>
    /// Embedded: how long a device's publish waits for its points to be stored before the device is told to keep the
    /// message and retry. Keep it below the devices' keep-alive: the broker reads nothing else from that device meanwhile.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StoreTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>External: the longest wait between reconnection attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>External: how long the broker keeps Ingest's session (and queued messages) after it disconnects.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);
}
