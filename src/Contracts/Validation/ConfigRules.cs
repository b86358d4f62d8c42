using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The rules for a device's configuration: a price table the kiosk can show and deposits can carry.</summary>
public static class ConfigRules
{
    public static Rejection? Check(ConfigMessage config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = new ProblemList();
        if (config.PriceTable is { } table)
        {
            TextRules.CheckText(problems, "$.price_table.version", table.Version, maxLength: 32);
            if (table.Categories.Count == 0)
            {
                problems.Add(RejectionCode.InvalidValue, "$.price_table.categories is empty");
            }

            if (table.Categories.Count > WireLimits.MaxPriceCategories)
            {
                problems.Add(RejectionCode.InvalidValue, $"$.price_table.categories holds {table.Categories.Count}; at most {WireLimits.MaxPriceCategories}");
                return problems.ToRejection();
            }

            var codes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < table.Categories.Count; i++)
            {
                var category = table.Categories[i];
                var path = $"$.price_table.categories[{i}]";
                TextRules.CheckIdentifier(problems, $"{path}.code", category.Code);
                TextRules.CheckText(problems, $"{path}.name_id", category.NameId);
                TextRules.CheckText(problems, $"{path}.name_en", category.NameEn);
                TextRules.CheckNotNegative(problems, $"{path}.price_idr_per_kg", category.PriceIdrPerKg);
                if (category.Code is not null && !codes.Add(category.Code))
                {
                    problems.Add(RejectionCode.InvalidValue, $"{path}.code '{category.Code}' appears twice");
                }
            }
        }

        return problems.ToRejection();
    }
}
