using System.ComponentModel.DataAnnotations;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>The city's broker: section <c>Mqtt</c>.</summary>
public sealed class MqttOptions
{
    public const string Section = "Mqtt";

    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 1883;

    /// <summary>Defaults to <c>{site}.{device}</c>; the broker keeps this device's session under it.</summary>
    public string? ClientId { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps this device's session (and messages for it) while it is offline.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(7);

    /// <summary>First wait after a failed connection; it doubles, with jitter, up to <see cref="ReconnectDelayMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReconnectDelayMax { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for the broker's PUBACK before treating a publish as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most samples in one telemetry message when the outbox replays a backlog.</summary>
    [Range(1, WireLimits.MaxSamplesPerMessage)]
    public int MaxSamplesPerMessage { get; set; } = 250;
}
