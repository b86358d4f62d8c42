using System.Globalization;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The deposit rules of the contract. Money depends on them, so every field is checked.</summary>
public static class DepositRules
{
    public const decimal MaxMassKg = 1000m;

    public static Rejection? Check(DepositMessage deposit)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        var problems = new ProblemList();
        TextRules.CheckUlid(problems, "$.id", deposit.Id);
        TextRules.CheckMember(problems, "$.member", deposit.Member);
        TextRules.CheckIdentifier(problems, "$.category", deposit.Category);
        TextRules.CheckText(problems, "$.operator", deposit.Operator);
        TextRules.CheckText(problems, "$.price_table", deposit.PriceTable, maxLength: 32);
        TextRules.CheckText(problems, "$.scale.sensor", deposit.Scale.Sensor);
        TextRules.CheckText(problems, "$.scale.calibration", deposit.Scale.Calibration);

        var massIsValid = deposit.MassKg is > 0 and <= MaxMassKg;
        if (!massIsValid)
        {
            problems.Add(RejectionCode.OutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"$.mass_kg is {deposit.MassKg}; a deposit weighs more than 0 and at most {MaxMassKg} kg"));
        }

        TextRules.CheckNotNegative(problems, "$.unit_price_idr", deposit.UnitPriceIdr);

        // The value is checked only against a valid mass and price: that keeps mass × price inside decimal's range
        // (1000 × long.MaxValue fits), where a huge mass would overflow and throw instead of being refused.
        if (massIsValid && deposit.UnitPriceIdr >= 0 && !DepositValue.Matches(deposit.MassKg, deposit.UnitPriceIdr, deposit.ValueIdr))
        {
            var expected = Math.Round(deposit.MassKg * deposit.UnitPriceIdr, 0, MidpointRounding.AwayFromZero);
            problems.Add(RejectionCode.ValueMismatch, string.Create(CultureInfo.InvariantCulture,
                $"$.value_idr is {deposit.ValueIdr} but {deposit.MassKg} kg × {deposit.UnitPriceIdr} IDR/kg = {expected}"));
        }

        return problems.ToRejection();
    }
}
