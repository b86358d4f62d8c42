using System.Diagnostics.CodeAnalysis;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// Who a broker account is: a device (<c>{site}.{device}</c>, the agent's default client id) or Ingest itself.
/// The username is also the only client id the account may connect with.
/// </summary>
public sealed record BrokerIdentity
{
    /// <summary>Ingest's own account on an external broker (the embedded broker needs none: Ingest is inside it).</summary>
    public const string IngestUsername = "pontive-ingest";

    private BrokerIdentity(string username, string? site, string? device)
    {
        Username = username;
        Site = site;
        Device = device;
    }

    public static BrokerIdentity Ingest { get; } = new(IngestUsername, null, null);

    public string Username { get; }

    /// <summary>The device's site; null for Ingest.</summary>
    public string? Site { get; }

    /// <summary>The device's id; null for Ingest.</summary>
    public string? Device { get; }

    [MemberNotNullWhen(true, nameof(Site), nameof(Device))]
    public bool IsDevice => Site is not null;

    public static BrokerIdentity ForDevice(string site, string device)
    {
        if (Identifier.Explain(site, "site") is { } badSite)
        {
            throw new ArgumentException(badSite, nameof(site));
        }

        if (Identifier.Explain(device, "device") is { } badDevice)
        {
            throw new ArgumentException(badDevice, nameof(device));
        }

        return new BrokerIdentity($"{site}.{device}", site, device);
    }

    /// <summary>The identity a username stands for: <c>pontive-ingest</c>, or <c>{site}.{device}</c> with valid ids.</summary>
    public static bool TryParse(string? username, [NotNullWhen(true)] out BrokerIdentity? identity)
    {
        identity = null;
        if (username == IngestUsername)
        {
            identity = Ingest;
            return true;
        }

        var dot = username?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot < 0)
        {
            return false;
        }

        var site = username![..dot];
        var device = username[(dot + 1)..];
        if (!Identifier.IsValid(site) || !Identifier.IsValid(device))
        {
            return false;
        }

        identity = new BrokerIdentity(username, site, device);
        return true;
    }

    public override string ToString() => Username;
}
