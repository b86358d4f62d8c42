using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>Deposits as the kiosk asks for them and as the outbox keeps them.</summary>
internal static class DepositExamples
{
    public static DepositRequest Request(decimal massKg = 2.345m, long unitPriceIdr = 3000, string member = "A-0042") =>
        new(member, "plastic-pet", unitPriceIdr, "2026-11-01", "siti", "scale-1",
            new ScaleSample(massKg, Raw: 8_412_345, TareRaw: 102_311, Calibration: "2026-11-20", IsStable: true, ResolutionKg: 0.001m));

    public static DepositMessage Message(DateTimeOffset t, decimal massKg = 2.345m, long unitPriceIdr = 3000) => new()
    {
        Id = Ulid.NewUlid(t).ToString(),
        T = t,
        Member = "A-0042",
        Category = "plastic-pet",
        MassKg = massKg,
        UnitPriceIdr = unitPriceIdr,
        ValueIdr = DepositValue.Compute(massKg, unitPriceIdr),
        Operator = "siti",
        PriceTable = "2026-11-01",
        Scale = new ScaleReading { Sensor = "scale-1", Raw = 8_412_345, TareRaw = 102_311, Calibration = "2026-11-20" },
    };
}
