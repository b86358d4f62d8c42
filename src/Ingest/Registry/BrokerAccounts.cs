using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Registry;

/// <summary>
/// The broker accounts the city issued, in registry.db: one per device (<c>{site}.{device}</c>) and one for Ingest on
/// an external broker. Only a hash of each password is kept (<see cref="PasswordHash"/>); the password itself is
/// shown once, in the enrolment bundle. A revoked account stays listed, with the time it was revoked.
/// </summary>
public sealed class BrokerAccounts(RegistryDatabase database, TimeProvider time)
{
    /// <summary>
    /// Gives <paramref name="identity"/> a new random password, replacing any earlier one (and lifting a revocation).
    /// </summary>
    /// <returns>The password, which is not kept anywhere.</returns>
    public string Issue(BrokerIdentity identity, int iterations = PasswordHash.DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var password = PasswordHash.NewPassword();
        lock (database.Gate)
        {
            using var upsert = database.Command("""
                INSERT INTO broker_account (username, site, device, password_hash, issued_ms, revoked_ms)
                VALUES ($username, $site, $device, $hash, $now, NULL)
                ON CONFLICT (username) DO UPDATE SET password_hash = $hash, issued_ms = $now, revoked_ms = NULL;
                """);
            upsert.Parameters.AddWithValue("$username", identity.Username);
            upsert.Parameters.AddWithValue("$site", (object?)identity.Site ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$device", (object?)identity.Device ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$hash", PasswordHash.Hash(password, iterations));
            upsert.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            upsert.ExecuteNonQuery();
        }

        return password;
    }

    /// <summary>Revokes an active account. False when there is none, or it was already revoked.</summary>
    public bool Revoke(BrokerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        lock (database.Gate)
        {
            using var update = database.Command("UPDATE broker_account SET revoked_ms = $now WHERE username = $username AND revoked_ms IS NULL;");
            update.Parameters.AddWithValue("$username", identity.Username);
            update.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            return update.ExecuteNonQuery() == 1;
        }
    }

    public BrokerAccount? Find(string username)
    {
        lock (database.Gate)
        {
            using var select = database.Command("SELECT username, password_hash, issued_ms, revoked_ms FROM broker_account WHERE username = $username;");
            select.Parameters.AddWithValue("$username", username);
            using var reader = select.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <summary>Every account, devices by site and device, Ingest's first.</summary>
    public IReadOnlyList<BrokerAccount> All()
    {
        lock (database.Gate)
        {
            using var select = database.Command("SELECT username, password_hash, issued_ms, revoked_ms FROM broker_account ORDER BY site IS NOT NULL, site, device;");
            using var reader = select.ExecuteReader();
            var accounts = new List<BrokerAccount>();
            while (reader.Read())
            {
                accounts.Add(Read(reader));
            }

            return accounts;
        }
    }

    /// <summary>
    /// A number that changes whenever another connection (the command line, in another process) changed registry.db:
    /// SQLite's <c>PRAGMA data_version</c>. Cheap enough to poll.
    /// </summary>
    public long ChangesByOthers()
    {
        lock (database.Gate)
        {
            using var pragma = database.Command("PRAGMA data_version;");
            return (long)pragma.ExecuteScalar()!;
        }
    }

    private static BrokerAccount Read(Microsoft.Data.Sqlite.SqliteDataReader reader)
    {
        var username = reader.GetString(0);
        if (!BrokerIdentity.TryParse(username, out var identity))
        {
            throw new InvalidDataException($"registry.db holds a broker account '{username}' that is neither a device nor Ingest.");
        }

        return new BrokerAccount(
            identity,
            reader.GetString(1),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }
}

/// <summary>An account as registry.db holds it.</summary>
public sealed record BrokerAccount(BrokerIdentity Identity, string PasswordHash, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
