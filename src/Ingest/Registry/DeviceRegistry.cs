using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Ingest.Registry;

/// <summary>
/// The devices Ingest has heard from, kept across restarts: which exist at a site (where a new price table must go),
/// when each was last seen and what it last said about itself.
/// </summary>
public sealed class DeviceRegistry(RegistryDatabase database)
{
    /// <summary>Records that a device spoke. Returns true when Ingest had never heard of it.</summary>
    public bool Seen(DeviceTopic device, DateTimeOffset at, string? state = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        lock (database.Gate)
        {
            using var upsert = database.Command("""
                INSERT INTO device (site, device, first_seen_ms, last_seen_ms, last_state) VALUES ($site, $device, $at, $at, $state)
                ON CONFLICT (site, device) DO UPDATE SET
                    last_seen_ms = MAX(last_seen_ms, $at),
                    last_state = COALESCE($state, last_state)
                RETURNING first_seen_ms = $at AND last_seen_ms = $at;
                """);
            upsert.Parameters.AddWithValue("$site", device.Site);
            upsert.Parameters.AddWithValue("$device", device.Device);
            upsert.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            upsert.Parameters.AddWithValue("$state", (object?)state ?? DBNull.Value);
            return upsert.ExecuteScalar() is 1L;
        }
    }

    public IReadOnlyList<KnownDevice> All() => Query("SELECT site, device, first_seen_ms, last_seen_ms, last_state FROM device ORDER BY site, device;", null);

    public IReadOnlyList<KnownDevice> AtSite(string site) =>
        Query("SELECT site, device, first_seen_ms, last_seen_ms, last_state FROM device WHERE site = $site ORDER BY device;", site);

    private List<KnownDevice> Query(string sql, string? site)
    {
        lock (database.Gate)
        {
            using var select = database.Command(sql);
            if (site is not null)
            {
                select.Parameters.AddWithValue("$site", site);
            }

            using var reader = select.ExecuteReader();
            var devices = new List<KnownDevice>();
            while (reader.Read())
            {
                devices.Add(new KnownDevice(
                    reader.GetString(0),
                    reader.GetString(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return devices;
        }
    }
}

/// <summary>A device Ingest has heard from: when first and last, and its last reported state.</summary>
public sealed record KnownDevice(string Site, string Device, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? LastState);
