using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pontive.Iot.Ingest.Dashboard.Devices;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>Registers what the dashboard needs besides the report services (<c>AddReports</c>).</summary>
public static class DashboardRegistration
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddTransient<DeviceOutboxQuery>();
        services.TryAddTransient<DashboardLoader>();
        return services;
    }
}
