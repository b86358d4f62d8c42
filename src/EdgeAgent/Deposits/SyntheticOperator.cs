using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Deposits;

/// <summary>
/// Records made-up deposits through the real <see cref="DepositRecorder"/> (so through the durable outbox) at a steady
/// pace: members bringing PET bottles, cardboard, cans. For the demo and fault tests; registered on emulated hardware only.
/// </summary>
internal sealed class SyntheticOperator(
    DepositRecorder recorder,
    IOptions<SyntheticOperatorOptions> options,
    TimeProvider time,
    ILogger<SyntheticOperator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.Prices.Count == 0)
        {
            return;
        }

        var random = new Random(settings.Seed);
        var categories = settings.Prices.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var recorded = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested && (settings.MaxDeposits == 0 || recorded < settings.MaxDeposits))
            {
                await Task.Delay(settings.Interval, time, stoppingToken).ConfigureAwait(false);
                var (category, price) = categories[random.Next(categories.Length)];
                var grams = random.Next(200, 15_000);
                var mass = grams / 1000m;
                var sample = new ScaleSample(mass, Raw: 8_400_000 + (grams * 21L), TareRaw: 8_400_000, Calibration: "emulated", IsStable: true, ResolutionKg: 0.001m);
                var member = $"A-{random.Next(1, settings.MemberCount + 1):D4}";
                try
                {
                    recorder.Record(new DepositRequest(member, category, price, settings.PriceTable, "emulated-operator", "scale-1", sample));
                    recorded++;
                }
                catch (DiskFullException ex)
                {
                    Log.SyntheticDepositFailed(logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
