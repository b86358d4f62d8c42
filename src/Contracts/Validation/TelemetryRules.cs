using System.Globalization;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The telemetry rules of the contract, applied to a bound message (the ingestor) or one about to be sent (the agent).</summary>
public static class TelemetryRules
{
    public static Rejection? Check(TelemetryMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new ProblemList();
        TextRules.CheckNotNegative(problems, "$.seq", message.Seq);
        if (message.Samples.Count == 0)
        {
            problems.Add(RejectionCode.InvalidValue, "$.samples is empty; a telemetry message carries at least one sample");
        }

        if (message.Samples.Count > WireLimits.MaxSamplesPerMessage)
        {
            problems.Add(RejectionCode.InvalidValue, $"$.samples holds {message.Samples.Count} samples; a message carries at most {WireLimits.MaxSamplesPerMessage}");
            return problems.ToRejection();
        }

        for (var i = 0; i < message.Samples.Count; i++)
        {
            // The serializer does not enforce nullability of list elements, so "samples":[null] arrives here.
            if (message.Samples[i] is null)
            {
                problems.Add(RejectionCode.WrongType, $"$.samples[{i}]: must not be null");
                continue;
            }

            CheckSample(problems, $"$.samples[{i}]", message.Samples[i]);
        }

        return problems.ToRejection();
    }

    private static void CheckSample(ProblemList problems, string path, Sample sample)
    {
        TextRules.CheckText(problems, $"{path}.sensor", sample.Sensor);
        TextRules.CheckClock(problems, $"{path}.clock", sample.Clock);
        if (!SensorKinds.TryGet(sample.Kind, out var kind))
        {
            problems.Add(RejectionCode.InvalidValue, $"{path}.kind '{sample.Kind}' is not one of {SensorKinds.KnownNames}");
            return;
        }

        if (sample.Values.Count == 0)
        {
            problems.Add(RejectionCode.InvalidValue, $"{path}.values is empty");
        }

        foreach (var (name, value) in sample.Values)
        {
            var valuePath = $"{path}.values.{name}";
            if (!kind.Values.TryGetValue(name, out var range))
            {
                problems.Add(RejectionCode.InvalidValue,
                    $"{valuePath}: {kind.Name} has no value '{name}' (it has {string.Join(", ", kind.Values.Keys)})");
            }
            else if (!double.IsFinite(value))
            {
                problems.Add(RejectionCode.InvalidValue, $"{valuePath} is {value}; it must be a finite number");
            }
            else if (!range.Contains(value))
            {
                problems.Add(RejectionCode.OutOfRange,
                    string.Create(CultureInfo.InvariantCulture, $"{valuePath} is {value}, outside the valid range {range}"));
            }
        }
    }
}
