using System.Globalization;
using System.Text;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// Payloads as devices send them: the contract's own examples, and telemetry with as many samples as a test needs.
/// Kept as JSON text, not built with the contract's encoder, so a test sees exactly the bytes a device would send.
/// </summary>
public static class WirePayloads
{
    public const string TelemetryTopic = "pontive/v1/park-alun-kapuas/env-node-01/telemetry";

    public const string DepositTopic = "pontive/v1/bank-sungai-jawi/scale-01/deposit";

    public const string StatusTopic = "pontive/v1/bank-sungai-jawi/scale-01/status";

    /// <summary>The contract's telemetry example.</summary>
    public const string Telemetry = """
        {"v":1,"seq":1042,"samples":[
          {"t":"2026-11-28T03:15:00.000Z","sensor":"env-1","kind":"environment",
           "values":{"temperature_c":29.4,"humidity_pct":78.1,"pressure_hpa":1009.6}}]}
        """;

    /// <summary>The contract's deposit example.</summary>
    public const string Deposit = """
        {"v":1,"id":"01JDX3W6Q8Z2M4N5P6R7S8T9V0","t":"2026-11-28T03:20:11.512Z",
         "member":"A-0042","category":"plastic-pet","mass_kg":2.345,
         "unit_price_idr":3000,"value_idr":7035,"operator":"siti","price_table":"2026-11-01",
         "scale":{"sensor":"scale-1","raw":8412345,"tare_raw":102311,"calibration":"2026-11-20"}}
        """;

    /// <summary>The contract's status example with its time filled in.</summary>
    public const string Status = """
        {"v":1,"t":"2026-11-28T03:15:00.120Z","state":"online","version":"0.1.0","uptime_s":3600,"clock":"synced",
        "outbox":{"depth":12,"bytes":5120,"oldest_s":40,"dropped":0}}
        """;

    /// <summary>The MQTT last will: only v, t and state.</summary>
    public const string LastWill = """{"v":1,"t":"2026-11-28T03:15:00.120Z","state":"offline"}""";

    public const string CorrectionTopic = "pontive/v1/bank-sungai-jawi/scale-01/correction";

    public const string Correction = """
        {"v":1,"id":"01JDX4A1B2C3D4E5F6G7H8J9K0","t":"2026-11-28T03:25:40.250Z",
         "deposit_id":"01JDX3W6Q8Z2M4N5P6R7S8T9V0","deposit_t":"2026-11-28T03:20:11.512Z",
         "category":"plastic-pet","member":"A-0042","mass_kg":2.345,"value_idr":7035,
         "reason":"salah kategori","operator":"siti"}
        """;

    /// <summary>
    /// Telemetry with <paramref name="samples"/> light readings of sensor <paramref name="sensor"/>, one second apart,
    /// so each sample is one line of line protocol.
    /// </summary>
    public static string LightTelemetry(int samples, string sensor = "lux-1", long seq = 1)
    {
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":{{seq}},"samples":[""");
        for (var i = 0; i < samples; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(CultureInfo.InvariantCulture,
                $$$"""{"t":"2026-11-28T03:15:{{{i % 60:00}}}.000Z","sensor":"{{{sensor}}}","kind":"light","values":{"illuminance_lux":{{{100 + i}}}}}""");
        }

        json.Append("]}");
        return json.ToString();
    }

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
