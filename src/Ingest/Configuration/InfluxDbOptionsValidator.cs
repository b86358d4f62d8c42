using Microsoft.Extensions.Options;

namespace Pontive.Iot.Ingest.Configuration;

/// <summary>The rules that depend on which InfluxDB API is chosen, with messages that name the setting to fix.</summary>
internal sealed class InfluxDbOptionsValidator : IValidateOptions<InfluxDbOptions>
{
    public ValidateOptionsResult Validate(string? name, InfluxDbOptions options)
    {
        var failures = new List<string>();
        if (options.Api == InfluxApi.V1 && string.IsNullOrWhiteSpace(options.Database))
        {
            failures.Add("InfluxDb:Database is required when InfluxDb:Api is V1 (environment variable InfluxDb__Database).");
        }

        if (options.Api == InfluxApi.V2)
        {
            Require(options.Org, "Org");
            Require(options.Bucket, "Bucket");
            Require(options.Token, "Token");
        }

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add($"InfluxDb:Url '{options.Url}' must be an absolute http:// or https:// address (environment variable InfluxDb__Url).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(string? value, string setting)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                failures.Add($"InfluxDb:{setting} is required when InfluxDb:Api is V2 (environment variable InfluxDb__{setting}).");
            }
        }
    }
}
