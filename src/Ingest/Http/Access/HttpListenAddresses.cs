using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>
/// Where Ingest's HTTP side may listen, from every setting Kestrel takes an address from: <c>Urls</c>
/// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>), <c>Kestrel:Endpoints:{name}:Url</c>, and <c>HTTP_PORTS</c> /
/// <c>HTTPS_PORTS</c> (<c>ASPNETCORE_HTTP_PORTS</c>), which mean every interface.
/// </summary>
internal static class HttpListenAddresses
{
    public static IReadOnlyList<string> Configured(IConfiguration configuration)
    {
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["Urls"]));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            addresses.AddRange(Split(endpoint["Url"]));
        }

        foreach (var (key, scheme) in new[] { ("HTTP_PORTS", "http"), ("HTTPS_PORTS", "https") })
        {
            addresses.AddRange(Split(configuration[key]).Select(port => string.Create(CultureInfo.InvariantCulture, $"{scheme}://*:{port}")));
        }

        return addresses;
    }

    /// <summary>True for 127.0.0.0/8, ::1 and <c>localhost</c>; false for <c>*</c>, <c>+</c>, 0.0.0.0, a name or anything unreadable.</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
    }

    private static string[] Split(string? urls) =>
        (urls ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
