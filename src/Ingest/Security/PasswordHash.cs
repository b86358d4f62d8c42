using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// Broker passwords, stored as Mosquitto 2.0 writes them (<c>mosquitto_passwd</c>, sha512-pbkdf2):
/// <c>$7$iterations$base64(salt)$base64(PBKDF2-HMAC-SHA512(password, salt, iterations, 64))</c>. One stored form
/// serves both brokers: the embedded broker verifies it here, and the password_file for Mosquitto is these lines.
/// </summary>
public static class PasswordHash
{
    /// <summary>
    /// Device passwords are 24 random bytes (192 bits): no guessing attack gets anywhere, whatever the iteration count.
    /// The count only costs the broker at each connect (about 8 ms here; a reconnect storm of every device pays it
    /// once per device), so it is kept moderate rather than at the count advised for human-chosen passwords.
    /// </summary>
    public const int DefaultIterations = 10_000;

    private const string Prefix = "$7$";
    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    /// <summary>A new random password: 24 bytes, base64url without padding (32 characters, safe in JSON and shells).</summary>
    public static string NewPassword() => Base64Url(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from; false for any malformed hash.</summary>
    public static bool Verify(string? password, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (password is null || !TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
    }

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = stored.Split('$');
        // "", "7", iterations, salt, hash
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7"
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[3]);
            hash = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            return false;
        }

        return hash.Length == HashBytes;
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
