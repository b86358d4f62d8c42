namespace Pontive.Iot.Integration.Tests.EndToEnd;

/// <summary>The wire contract's own examples, as a third-party device would send them.</summary>
internal static class ContractExamples
{
    public const string Deposit = """
        {"v":1,"id":"01JDX3W6Q8Z2M4N5P6R7S8T9V0","t":"2026-11-28T03:20:11.512Z",
         "member":"A-0042","category":"plastic-pet","mass_kg":2.345,
         "unit_price_idr":3000,"value_idr":7035,"operator":"siti","price_table":"2026-11-01",
         "scale":{"sensor":"scale-1","raw":8412345,"tare_raw":102311,"calibration":"2026-11-20"}}
        """;

    public static readonly DateTimeOffset DepositTime = new(2026, 11, 28, 3, 20, 11, 512, TimeSpan.Zero);
}
