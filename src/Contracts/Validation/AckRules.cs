using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The rules for the cloud's acknowledgement of stored deposits.</summary>
public static class AckRules
{
    public static Rejection? Check(AckMessage ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        var problems = new ProblemList();
        if (ack.Ids.Count == 0)
        {
            problems.Add(RejectionCode.InvalidValue, "$.ids is empty");
        }

        if (ack.Ids.Count > WireLimits.MaxIdsPerAck)
        {
            problems.Add(RejectionCode.InvalidValue, $"$.ids holds {ack.Ids.Count} ids; an acknowledgement carries at most {WireLimits.MaxIdsPerAck}");
            return problems.ToRejection();
        }

        for (var i = 0; i < ack.Ids.Count; i++)
        {
            TextRules.CheckUlid(problems, $"$.ids[{i}]", ack.Ids[i]);
        }

        return problems.ToRejection();
    }
}
