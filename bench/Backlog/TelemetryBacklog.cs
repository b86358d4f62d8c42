using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// The backlog a city broker holds after Ingest was away: environment readings from many devices on several sites,
/// each a valid v1 telemetry message. Every sample of a device has its own time, so no two points share a series and
/// a time and InfluxDB must hold exactly messages × samples points afterwards. The same arguments give the same bytes.
/// </summary>
internal sealed class TelemetryBacklog
{
    public const int DevicesPerSite = 25;

    /// <summary>How often a device samples; its messages follow each other without gaps or overlaps.</summary>
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(10);

    /// <summary>Fixed, so two runs send the same payloads (same sizes); any past time would do.</summary>
    private static readonly DateTimeOffset FirstSample = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Sites =
    [
        "taman-alun-kapuas", "taman-digulis", "taman-akcaya", "taman-gajahmada",
        "bank-sungai-jawi", "bank-siantan-hulu", "bank-parit-tokaya", "bank-tanjung-hulu",
    ];

    private TelemetryBacklog(IReadOnlyList<QueuedMessage> messages, int samplesPerMessage)
    {
        Messages = messages;
        SamplesPerMessage = samplesPerMessage;
    }

    public IReadOnlyList<QueuedMessage> Messages { get; }

    public int SamplesPerMessage { get; }

    public static int SiteCount => Sites.Length;

    public static int DeviceCount => Sites.Length * DevicesPerSite;

    public long PointCount => (long)Messages.Count * SamplesPerMessage;

    public double MeanPayloadBytes => Messages.Average(m => m.Payload.Length);

    public int SmallestPayloadBytes => Messages.Min(m => m.Payload.Length);

    public int LargestPayloadBytes => Messages.Max(m => m.Payload.Length);

    /// <summary>Message i comes from device i mod <see cref="DeviceCount"/>: the devices' backlogs interleave as they would live.</summary>
    public static TelemetryBacklog Build(int messages, int samplesPerMessage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerMessage, 1);
        var topics = new string[DeviceCount];
        for (var device = 0; device < DeviceCount; device++)
        {
            topics[device] = DeviceTopic.Build(Sites[device / DevicesPerSite], $"env-{device % DevicesPerSite + 1:D2}", DeviceChannel.Telemetry);
        }

        var queued = new QueuedMessage[messages];
        for (var i = 0; i < messages; i++)
        {
            var device = i % DeviceCount;
            var messageOfDevice = i / DeviceCount;
            var samples = new Sample[samplesPerMessage];
            for (var j = 0; j < samplesPerMessage; j++)
            {
                var time = FirstSample + (SampleInterval * (((long)messageOfDevice * samplesPerMessage) + j));
                samples[j] = Reading(device, time);
            }

            var message = new TelemetryMessage { Seq = messageOfDevice + 1, Samples = samples };
            queued[i] = new QueuedMessage(topics[device], PayloadEncoder.Encode(message));
        }

        return new TelemetryBacklog(queued, samplesPerMessage);
    }

    /// <summary>Pontianak's weather on the equator: a daily swing of warmth and humidity, near-constant pressure.</summary>
    private static Sample Reading(int device, DateTimeOffset time)
    {
        var day = 2 * Math.PI * (time.TimeOfDay.TotalHours - 9) / 24;
        var spread = (device % 7) * 0.3;
        return new Sample
        {
            T = time,
            Sensor = "env-1",
            Kind = SensorKinds.Environment.Name,
            Values = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [ValueNames.TemperatureC] = Math.Round(28.5 + spread + (4 * Math.Sin(day)), 2),
                [ValueNames.HumidityPct] = Math.Round(80 - (12 * Math.Sin(day)) - spread, 1),
                [ValueNames.PressureHpa] = Math.Round(1009.5 + (1.5 * Math.Cos(2 * day)), 1),
            },
        };
    }
}
