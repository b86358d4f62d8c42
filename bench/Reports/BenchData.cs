using System.Globalization;
using System.Text;

namespace Pontive.Iot.Bench.Reports;

/// <summary>
/// The benchmark's data, generated in order and never held whole: every sensor of every park sampled each interval
/// (one telemetry message per park and interval, recorded as a <c>telemetry_batch</c> point), and the banks' deposits
/// with one in 97 voided. Values follow smooth daily cycles with a fixed pseudo-random wobble, so every run is the same.
/// </summary>
internal sealed class BenchData(ReportsBenchSettings settings)
{
    private static readonly string[] Categories = ["plastic-pet", "cardboard", "paper", "metal", "glass"];
    private static readonly int[] Prices = [3000, 1500, 1200, 5000, 300];

    public long TelemetryPoints => (long)IntervalCount * ReportsBenchSettings.Parks * ReportsBenchSettings.SensorsPerPark;

    public long BatchPoints => (long)IntervalCount * ReportsBenchSettings.Parks;

    public long DepositPoints => (long)settings.Days * settings.Banks * settings.DepositsPerBankPerDay;

    private long IntervalCount => (long)(settings.Days * 86_400L / settings.IntervalSeconds);

    public static string Park(int index) => $"park-{index + 1:D2}";

    /// <summary>Telemetry, message numbers and statuses as line protocol, <paramref name="linesPerChunk"/> lines at a time.</summary>
    public IEnumerable<string> Telemetry(int linesPerChunk)
    {
        var chunk = new StringBuilder(linesPerChunk * 110);
        var lines = 0;
        for (long i = 0; i < IntervalCount; i++)
        {
            var time = settings.Start.AddSeconds(i * settings.IntervalSeconds);
            var ms = time.ToUnixTimeMilliseconds();
            var hourOfDay = (time.ToOffset(TimeSpan.FromHours(7)).Hour + (time.Minute / 60.0)) / 24.0;
            var cycle = Math.Sin(2 * Math.PI * (hourOfDay - 0.25));
            for (var p = 0; p < ReportsBenchSettings.Parks; p++)
            {
                var tags = $"device={Park(p)}-node,site={Park(p)}";
                var wobble = Wobble(i, p);
                Append($"environment,{tags},sensor=env-1 humidity_pct={F(75 - (12 * cycle) + wobble)},pressure_hpa={F(1009 + wobble)},temperature_c={F(28 + (4 * cycle) + (wobble / 2))} {ms}");
                Append($"soil,{tags},sensor=soil-1 moisture_pct={F(40 - (10 * ((i / 60.0 % 720) / 720)) + wobble)},temperature_c={F(27 + (2 * cycle))} {ms}");
                var pm25 = Math.Max(0, 18 + (30 * Math.Max(0, -cycle)) + (3 * wobble));
                Append($"air_quality,{tags},sensor=aq-1 co2_ppm={F(420 + (40 * wobble))},pm10_ugm3={F(pm25 * 1.6)},pm1_ugm3={F(pm25 * 0.6)},pm25_ugm3={F(pm25)} {ms}");
                Append($"light,{tags},sensor=lux-1 illuminance_lux={F(Math.Max(0, 60_000 * cycle))} {ms}");
                Append($"fill_level,{tags},sensor=bin-1 distance_cm={F(80 - (i % 2880 / 40.0))},fill_pct={F(i % 2880 / 28.8)} {ms}");
                Append(string.Create(CultureInfo.InvariantCulture, $"telemetry_batch,{tags},sensor=env-1 samples=5i,seq={i + 1}i {ms}"));
                if (i % 60 == 0)
                {
                    Append(string.Create(CultureInfo.InvariantCulture, $"device_status,{tags} state=\"online\",uptime_s={i * settings.IntervalSeconds}i {ms + 1}"));
                }
            }

            if (lines >= linesPerChunk)
            {
                yield return Flush();
            }
        }

        if (lines > 0)
        {
            yield return Flush();
        }

        void Append(string line)
        {
            chunk.Append(line).Append('\n');
            lines++;
        }

        string Flush()
        {
            var text = chunk.ToString();
            chunk.Clear();
            lines = 0;
            return text;
        }
    }

    /// <summary>The banks' deposits and voids, as line protocol.</summary>
    public IEnumerable<string> Deposits(int linesPerChunk)
    {
        var chunk = new StringBuilder(linesPerChunk * 200);
        var random = new Random(42);
        var count = 0;
        var lines = 0;
        for (var day = 0; day < settings.Days; day++)
        {
            for (var bank = 0; bank < settings.Banks; bank++)
            {
                var opening = settings.Start.AddDays(day).AddHours(8);
                for (var d = 0; d < settings.DepositsPerBankPerDay; d++)
                {
                    var time = opening.AddSeconds((d * 8 * 3600.0 / settings.DepositsPerBankPerDay) + random.Next(0, 60)).AddMilliseconds(random.Next(1000));
                    var category = random.Next(Categories.Length);
                    var kg = Math.Round(0.2 + (random.NextDouble() * 12), 3);
                    var value = (long)Math.Round((decimal)kg * Prices[category], MidpointRounding.AwayFromZero);
                    var id = $"01JB{++count:D22}";
                    var tags = string.Create(CultureInfo.InvariantCulture, $"category={Categories[category]},device=scale-01,site=bank-{bank + 1:D2}");
                    var member = string.Create(CultureInfo.InvariantCulture, $"M-{random.Next(1, 400):D4}");
                    var ms = time.ToUnixTimeMilliseconds();
                    chunk.Append(CultureInfo.InvariantCulture,
                        $"deposit,{tags} deposit_id=\"{id}\",mass_kg={F(kg)},member=\"{member}\",operator=\"op\",price_table=\"2025-12-01\",unit_price_idr={Prices[category]}i,value_idr={value}i {ms}\n");
                    lines++;
                    if (count % 97 == 0)
                    {
                        chunk.Append(CultureInfo.InvariantCulture,
                            $"deposit_void,{tags} deposit_id=\"{id}\",mass_kg={F(kg)},member=\"{member}\",operator=\"op\",reason=\"salah kategori\",value_idr={value}i,void_id=\"01JV{count:D22}\",voided_at=\"x\" {ms}\n");
                        lines++;
                    }

                    if (lines >= linesPerChunk)
                    {
                        yield return chunk.ToString();
                        chunk.Clear();
                        lines = 0;
                    }
                }
            }
        }

        if (lines > 0)
        {
            yield return chunk.ToString();
        }
    }

    private static double Wobble(long interval, int park) => ((((interval * 7919) + (park * 104_729)) % 1000) / 500.0) - 1;

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
