using System.Globalization;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The rules for a voided deposit.</summary>
public static class CorrectionRules
{
    public const int MaxReasonLength = 200;

    public static Rejection? Check(CorrectionMessage correction)
    {
        ArgumentNullException.ThrowIfNull(correction);
        var problems = new ProblemList();
        TextRules.CheckUlid(problems, "$.id", correction.Id);
        TextRules.CheckUlid(problems, "$.deposit_id", correction.DepositId);
        TextRules.CheckMember(problems, "$.member", correction.Member);
        TextRules.CheckIdentifier(problems, "$.category", correction.Category);
        TextRules.CheckText(problems, "$.operator", correction.Operator);
        TextRules.CheckText(problems, "$.reason", correction.Reason, MaxReasonLength);
        if (correction.MassKg is <= 0 or > DepositRules.MaxMassKg)
        {
            problems.Add(RejectionCode.OutOfRange, string.Create(CultureInfo.InvariantCulture,
                $"$.mass_kg is {correction.MassKg}; a deposit weighs more than 0 and at most {DepositRules.MaxMassKg} kg"));
        }

        TextRules.CheckNotNegative(problems, "$.value_idr", correction.ValueIdr);
        if (correction.Id == correction.DepositId)
        {
            problems.Add(RejectionCode.InvalidValue, "$.id must differ from $.deposit_id: a correction has an id of its own");
        }

        return problems.ToRejection();
    }
}
