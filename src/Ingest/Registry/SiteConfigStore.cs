using System.Text.Json;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;

namespace Pontive.Iot.Ingest.Registry;

/// <summary>The current configuration (price table) of each site, kept across restarts so it can be given to devices again.</summary>
public sealed class SiteConfigStore(RegistryDatabase database, TimeProvider time)
{
    public void Save(string site, ConfigMessage config)
    {
        ArgumentNullException.ThrowIfNull(config);
        lock (database.Gate)
        {
            using var upsert = database.Command("""
                INSERT INTO site_config (site, config, updated_ms) VALUES ($site, $config, $now)
                ON CONFLICT (site) DO UPDATE SET config = $config, updated_ms = $now;
                """);
            upsert.Parameters.AddWithValue("$site", site);
            upsert.Parameters.AddWithValue("$config", PayloadEncoder.Encode(config));
            upsert.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            upsert.ExecuteNonQuery();
        }
    }

    public ConfigMessage? Find(string site)
    {
        lock (database.Gate)
        {
            using var select = database.Command("SELECT config FROM site_config WHERE site = $site;");
            select.Parameters.AddWithValue("$site", site);
            return select.ExecuteScalar() is byte[] json ? JsonSerializer.Deserialize(json, WireJsonContext.Default.ConfigMessage) : null;
        }
    }
}
