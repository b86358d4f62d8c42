using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>
/// Without tokens, the addresses Kestrel actually bound must all be loopback. The settings are checked before start
/// (<see cref="HttpAccess.RefuseOpenEndpointsBeyondLoopback"/>), but Kestrel also takes addresses from places no
/// setting shows (code, a future option); this check sees what it did. It runs once every service has started, and
/// its failure stops Ingest with the same configuration error (exit code 2).
/// </summary>
internal sealed class BoundAddressCheck(IServiceProvider services, TokenRegistry tokens) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // A host without a web server (a tool building the services) has nothing to check.
        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var open = bound.Where(url => !HttpListenAddresses.IsLoopback(url)).ToList();
        return tokens.IsEnabled || open.Count == 0 ? Task.CompletedTask : throw HttpAccess.OpenBeyondLoopback(open);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
