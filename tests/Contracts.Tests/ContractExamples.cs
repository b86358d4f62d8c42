namespace Pontive.Iot.Contracts.Tests;

/// <summary>
/// The examples of wire contract v1, verbatim; docs/wire-contract.md quotes the same text. Every decoding test starts
/// from one of these and changes one thing, so a valid base case is always the contract's own.
/// </summary>
public static class ContractExamples
{
    public const string Site = "bank-sungai-jawi";

    public const string Device = "scale-01";

    public const string TelemetryTopic = "pontive/v1/park-alun-kapuas/env-node-01/telemetry";

    public const string DepositTopic = "pontive/v1/bank-sungai-jawi/scale-01/deposit";

    /// <summary>The contract's telemetry example, line breaks included.</summary>
    public const string Telemetry = """
        {"v":1,"seq":1042,"samples":[
          {"t":"2026-11-28T03:15:00.000Z","sensor":"env-1","kind":"environment",
           "values":{"temperature_c":29.4,"humidity_pct":78.1,"pressure_hpa":1009.6}}]}
        """;

    /// <summary>The contract's deposit example, line breaks included.</summary>
    public const string Deposit = """
        {"v":1,"id":"01JDX3W6Q8Z2M4N5P6R7S8T9V0","t":"2026-11-28T03:20:11.512Z",
         "member":"A-0042","category":"plastic-pet","mass_kg":2.345,
         "unit_price_idr":3000,"value_idr":7035,"operator":"siti","price_table":"2026-11-01",
         "scale":{"sensor":"scale-1","raw":8412345,"tare_raw":102311,"calibration":"2026-11-20"}}
        """;

    /// <summary>The contract's status example; its "t":"…" placeholder is filled with the contract's time example.</summary>
    public const string Status = """
        {"v":1,"t":"2026-11-28T03:15:00.120Z","state":"online","version":"0.1.0","uptime_s":3600,"clock":"synced",
        "outbox":{"depth":12,"bytes":5120,"oldest_s":40,"dropped":0}}
        """;

    /// <summary>The status a broker publishes for a device that vanished: the MQTT last will, only v, t and state.</summary>
    public const string LastWill = """{"v":1,"t":"2026-11-28T03:15:00.120Z","state":"offline"}""";

    /// <summary>The cloud's acknowledgement of stored deposits, as implemented (the contract names it but gives no example).</summary>
    public const string Ack = """{"v":1,"t":"2026-11-28T03:20:12.004Z","ids":["01JDX3W6Q8Z2M4N5P6R7S8T9V0"]}""";

    /// <summary>The deposit example voided: wrong category (a project addition to v1, see docs/wire-contract.md §7a).</summary>
    public const string Correction = """
        {"v":1,"id":"01JDX4A1B2C3D4E5F6G7H8J9K0","t":"2026-11-28T03:25:40.250Z",
         "deposit_id":"01JDX3W6Q8Z2M4N5P6R7S8T9V0","deposit_t":"2026-11-28T03:20:11.512Z",
         "category":"plastic-pet","member":"A-0042","mass_kg":2.345,"value_idr":7035,
         "reason":"salah kategori: kardus, bukan PET","operator":"siti"}
        """;

    /// <summary>A waste bank's price table on its retained config topic.</summary>
    public const string Config = """
        {"v":1,"t":"2026-11-01T00:00:00.000Z","price_table":{"version":"2026-11-01","effective_from":"2026-11-01T00:00:00.000Z",
         "categories":[{"code":"plastic-pet","name_id":"Plastik PET (botol)","name_en":"PET plastic (bottles)","price_idr_per_kg":3000},
                       {"code":"cardboard","name_id":"Kardus","name_en":"Cardboard","price_idr_per_kg":1500}]}}
        """;

    /// <summary>The contract's example of a wire time.</summary>
    public const string Time = "2026-11-28T03:15:00.120Z";
}
