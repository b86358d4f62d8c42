using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The status rules of the contract. Only <c>state</c> and <c>t</c> are required, so the last will stays small.</summary>
public static class StatusRules
{
    public static Rejection? Check(StatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var problems = new ProblemList();
        if (status.State is not (StatusMessage.Online or StatusMessage.Offline))
        {
            problems.Add(RejectionCode.InvalidValue, $"$.state '{status.State}' must be 'online' or 'offline'");
        }

        if (status.Version is not null)
        {
            TextRules.CheckText(problems, "$.version", status.Version);
        }

        TextRules.CheckNotNegative(problems, "$.uptime_s", status.UptimeS);
        TextRules.CheckClock(problems, "$.clock", status.Clock);
        if (status.Outbox is { } outbox)
        {
            TextRules.CheckNotNegative(problems, "$.outbox.depth", outbox.Depth);
            TextRules.CheckNotNegative(problems, "$.outbox.bytes", outbox.Bytes);
            TextRules.CheckNotNegative(problems, "$.outbox.oldest_s", outbox.OldestS);
            TextRules.CheckNotNegative(problems, "$.outbox.dropped", outbox.Dropped);
        }

        if (status.Warnings is { } warnings)
        {
            for (var i = 0; i < warnings.Count; i++)
            {
                TextRules.CheckText(problems, $"$.warnings[{i}]", warnings[i]);
            }
        }

        if (status.Sensors is { } sensors)
        {
            foreach (var (sensor, state) in sensors)
            {
                TextRules.CheckText(problems, $"$.sensors.{sensor}", state, maxLength: 256);
            }
        }

        return problems.ToRejection();
    }
}
