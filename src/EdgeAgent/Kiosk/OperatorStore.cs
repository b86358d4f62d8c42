using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// The bank's operators and their PINs, stored hashed (PBKDF2-SHA256 with a salt of their own; the PIN itself is
/// never stored). Too many wrong PINs in a row lock that operator's sign-in for a while, which makes guessing a
/// 4-digit PIN at the kiosk take weeks, not minutes.
/// </summary>
public sealed partial class OperatorStore(AgentDatabase database, TimeProvider time, IOptions<KioskOptions> options)
{
    /// <summary>Enough to slow guessing, little enough for a Raspberry Pi to check a PIN in a blink.</summary>
    public const int Iterations = 100_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static bool IsValidPin(string? pin) => pin is not null && PinPattern().IsMatch(pin);

    /// <summary>Adds an operator, or sets a new PIN for one who exists.</summary>
    public void Set(string name, string pin)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException("An operator's name is 1 to 32 letters, digits, '.', '_' or '-'.", nameof(name));
        }

        if (!IsValidPin(pin))
        {
            throw new ArgumentException("A PIN is 4 to 8 digits.", nameof(pin));
        }

        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Hash(pin, salt, Iterations);
        lock (database.Gate)
        {
            using var upsert = database.Command("""
                INSERT INTO operator_account (name, pin_hash, salt, iterations, created_ms) VALUES ($name, $hash, $salt, $iterations, $now)
                ON CONFLICT (name) DO UPDATE SET pin_hash = $hash, salt = $salt, iterations = $iterations, failed_attempts = 0, locked_until_ms = 0;
                """);
            upsert.Parameters.AddWithValue("$name", name);
            upsert.Parameters.AddWithValue("$hash", hash);
            upsert.Parameters.AddWithValue("$salt", salt);
            upsert.Parameters.AddWithValue("$iterations", Iterations);
            upsert.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            upsert.ExecuteNonQuery();
        }
    }

    public bool Remove(string name)
    {
        lock (database.Gate)
        {
            using var delete = database.Command("DELETE FROM operator_account WHERE name = $name;");
            delete.Parameters.AddWithValue("$name", name);
            return delete.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>Whether the operator has an account now (read from the database: the CLI removes operators from another process).</summary>
    public bool Exists(string name)
    {
        lock (database.Gate)
        {
            using var select = database.Command("SELECT 1 FROM operator_account WHERE name = $name;");
            select.Parameters.AddWithValue("$name", name);
            return select.ExecuteScalar() is not null;
        }
    }

    public IReadOnlyList<string> Names()
    {
        lock (database.Gate)
        {
            using var select = database.Command("SELECT name FROM operator_account ORDER BY name;");
            using var reader = select.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
    }

    public PinCheck Check(string name, string pin)
    {
        var now = time.GetUtcNow();
        lock (database.Gate)
        {
            using var select = database.Command("SELECT pin_hash, salt, iterations, failed_attempts, locked_until_ms FROM operator_account WHERE name = $name;");
            select.Parameters.AddWithValue("$name", name);
            byte[] stored, salt;
            int iterations, failures;
            long lockedUntil;
            using (var reader = select.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return new PinCheck(PinCheckResult.UnknownOperator);
                }

                (stored, salt, iterations, failures, lockedUntil) =
                    (reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt64(4));
            }

            if (lockedUntil > now.ToUnixTimeMilliseconds())
            {
                return new PinCheck(PinCheckResult.Locked, DateTimeOffset.FromUnixTimeMilliseconds(lockedUntil));
            }

            var matches = pin is not null && CryptographicOperations.FixedTimeEquals(stored, Hash(pin, salt, iterations));
            failures = matches ? 0 : failures + 1;
            var lockNow = failures >= options.Value.PinAttempts;
            var until = lockNow ? now + options.Value.PinLockout : (DateTimeOffset?)null;
            using var update = database.Command("UPDATE operator_account SET failed_attempts = $failures, locked_until_ms = $until WHERE name = $name;");
            update.Parameters.AddWithValue("$failures", lockNow ? 0 : failures);
            update.Parameters.AddWithValue("$until", until?.ToUnixTimeMilliseconds() ?? 0);
            update.Parameters.AddWithValue("$name", name);
            update.ExecuteNonQuery();
            return matches
                ? new PinCheck(PinCheckResult.Accepted)
                : new PinCheck(lockNow ? PinCheckResult.Locked : PinCheckResult.Wrong, until);
        }
    }

    private static byte[] Hash(string pin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[0-9]{4,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex PinPattern();
}
