using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// The agent's own connection code (<see cref="BrokerConnection"/>) with nothing but its enrolment bundle: what a
/// field device does when it starts. Tells whether it connected or gave up an attempt, and what it logged.
/// </summary>
public sealed class DeviceUnderTest : IAsyncDisposable
{
    private readonly TaskCompletionSource _attemptFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RecordingLogger _log = new();

    private DeviceUnderTest(BrokerIdentity device, string? bundlePath, Action<MqttOptions>? adjust)
    {
        var agent = new AgentOptions { Site = device.Site!, Device = device.Device!, DataDirectory = Path.GetTempPath() };
        var mqtt = new MqttOptions { Enrolment = bundlePath, ReconnectDelay = TimeSpan.FromSeconds(30) };
        adjust?.Invoke(mqtt);
        Connection = new BrokerConnection(Options.Create(mqtt), Options.Create(agent), new AgentTopics(Options.Create(agent)), TimeProvider.System, _log);
        Connection.ReconnectScheduled += _ => _attemptFailed.TrySetResult();
    }

    public BrokerConnection Connection { get; }

    /// <summary>Completes when the first connection attempt failed and the next one was scheduled.</summary>
    public Task AttemptFailed => _attemptFailed.Task.WaitAsync(IngestWaits.Patience);

    public IReadOnlyCollection<string> Warnings => _log.Warnings;

    public static async Task<DeviceUnderTest> StartAsync(BrokerIdentity device, string? bundlePath, Action<MqttOptions>? adjust = null)
    {
        var started = new DeviceUnderTest(device, bundlePath, adjust);
        await started.Connection.StartAsync(CancellationToken.None).ConfigureAwait(false);
        return started;
    }

    public Task ConnectedAsync() => Connection.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(IngestWaits.Patience);

    public async ValueTask DisposeAsync()
    {
        await Connection.StopAsync(CancellationToken.None).ConfigureAwait(false);
        Connection.Dispose();
    }

    private sealed class RecordingLogger : ILogger<BrokerConnection>
    {
        private readonly ConcurrentQueue<string> _warnings = new();

        public IReadOnlyCollection<string> Warnings => _warnings;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
