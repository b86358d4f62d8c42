using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>Deposits as an operator records them at the kiosk, with a stable scale reading.</summary>
public static class Deposits
{
    public static DepositRequest Of(string member, string category, decimal massKg, long unitPriceIdr) => new(
        member,
        category,
        unitPriceIdr,
        PriceTable: "2026-11-01",
        Operator: "siti",
        ScaleId: "scale-1",
        new ScaleSample(massKg, Raw: 100_000 + (long)(massKg * 21_000), TareRaw: 100_000, Calibration: "2026-11-20", IsStable: true, ResolutionKg: 0.001m));
}
