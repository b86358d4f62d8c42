using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Security;

/// <summary>Checks the certificates' dates at start and every <see cref="SecurityOptions.CertificateCheckInterval"/> (<see cref="CertificateExpiry"/>).</summary>
public sealed class CertificateExpiryWatcher(CertificateExpiry expiry, IOptions<SecurityOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        expiry.Check();
        using var timer = new PeriodicTimer(options.Value.CertificateCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                expiry.Check();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
