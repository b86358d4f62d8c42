using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Registry;

namespace Pontive.Iot.Ingest.Security;

/// <summary>Broker security (issue 6): device accounts, their ACL and the spoofing check on the embedded broker, and the settings they need.</summary>
public static class SecurityRegistration
{
    public static IHostApplicationBuilder AddBrokerSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerSecurityValidator>();
        services.AddSingleton<BrokerAccounts>();
        services.AddSingleton<CertificateExpiry>(); // always, for /health; checked only with security on

        var enabled = builder.Configuration.GetSection(SecurityOptions.Section).GetValue(nameof(SecurityOptions.Enabled), false);
        var mode = builder.Configuration.GetSection(BrokerOptions.Section).GetValue(nameof(BrokerOptions.Mode), BrokerMode.Embedded);
        if (enabled)
        {
            services.AddHostedService<CertificateExpiryWatcher>();
        }

        if (enabled && mode == BrokerMode.Embedded)
        {
            // EmbeddedBroker takes the guard when there is one; without it the broker stays as open as the demo needs.
            services.AddSingleton<EmbeddedBrokerGuard>();
            services.AddSingleton<RevocationWatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<RevocationWatcher>());
        }

        return builder;
    }
}

[OptionsValidator]
internal sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>;
