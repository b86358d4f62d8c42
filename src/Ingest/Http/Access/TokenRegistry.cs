using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>
/// The configured tokens, kept only as SHA-256 hashes and compared in constant time, so a token never sits in memory
/// longer than it takes to read the configuration and never appears in a log.
/// </summary>
public sealed class TokenRegistry
{
    private readonly Dictionary<string, string> _roleByHash = new(StringComparer.Ordinal);

    public TokenRegistry(IOptions<HttpAccessOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var token in options.Value.AdminTokens)
        {
            Add(token, AccessRoles.Admin);
        }

        foreach (var token in options.Value.AnalystTokens)
        {
            Add(token, AccessRoles.Analyst);
        }

        if (options.Value.TokensFile is { } file)
        {
            foreach (var (role, token) in ReadFile(file))
            {
                Add(token, role);
            }
        }
    }

    /// <summary>False while no token is configured: the endpoints are then open (loopback only).</summary>
    public bool IsEnabled => _roleByHash.Count > 0;

    /// <summary>The role of <paramref name="token"/>, or null when it is not one of ours.</summary>
    public string? RoleOf(string token)
    {
        var hash = Hash(token);
        string? role = null;
        foreach (var (known, knownRole) in _roleByHash)
        {
            // Every entry is compared, matched or not, so the time taken says nothing about which one matched.
            if (CryptographicOperations.FixedTimeEquals(Convert.FromHexString(known), Convert.FromHexString(hash)))
            {
                role = knownRole;
            }
        }

        return role;
    }

    /// <summary>Lines <c>role token</c>; a line that is neither is a configuration error naming the line.</summary>
    public static IEnumerable<(string Role, string Token)> ReadFile(string path)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[0] is not (AccessRoles.Admin or AccessRoles.Analyst))
            {
                throw new InvalidOperationException($"HttpAccess:TokensFile {path} line {number}: expected 'admin TOKEN' or 'analyst TOKEN'.");
            }

            yield return (parts[0], parts[1]);
        }
    }

    private void Add(string token, string role)
    {
        if (token.Length < 16)
        {
            throw new InvalidOperationException($"An HttpAccess {role} token is shorter than 16 characters: use a long random one (e.g. openssl rand -base64 24).");
        }

        _roleByHash[Hash(token)] = role;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
