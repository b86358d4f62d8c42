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

        if (deposit.MassKg is <= 0 or > MaxMassKg)
        {
            problems.Add(RejectionCode.OutOfRange,
                string.Create(CultureInfo.InvariantCulture, $"$.mass_kg is {deposit.MassKg}; a deposit weighs more than 0 and at most {MaxMassKg} kg"));
        }

        TextRules.CheckNotNegative(problems, "$.unit_price_idr", deposit.UnitPriceIdr);
        if (!DepositValue.Matches(deposit.MassKg, deposit.UnitPriceIdr, deposit.ValueIdr))
        {
            problems.Add(RejectionCode.ValueMismatch, string.Create(CultureInfo.InvariantCulture,
                $"$.value_idr is {deposit.ValueIdr} but {deposit.MassKg} kg × {deposit.UnitPriceIdr} IDR/kg = {DepositValue.Compute(deposit.MassKg, deposit.UnitPriceIdr)}"));
        }

        return problems.ToRejection();
    }
}
