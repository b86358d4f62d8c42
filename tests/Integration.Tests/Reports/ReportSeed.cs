using System.Globalization;
using System.Text;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>A deposit of the seed; its value is kg × price rounded half up, as devices compute it.</summary>
public sealed record SeedDeposit(DateTimeOffset Time, string Site, string Device, string Category, string Member, string Id, decimal MassKg, long UnitPriceIdr)
{
    public long ValueIdr => (long)Math.Round(MassKg * UnitPriceIdr, MidpointRounding.AwayFromZero);
}

/// <summary>A void of the seed, stored (as Ingest stores a correction) at the voided deposit's time, with its figures.</summary>
public sealed record SeedVoid(SeedDeposit Deposit, string VoidId);

/// <summary>One telemetry sample of the seed.</summary>
public sealed record SeedSample(DateTimeOffset Time, string Site, string Device, string Sensor, string Kind, IReadOnlyDictionary<string, double> Values);

/// <summary>One telemetry message of the seed: its seq and sample count, at its first sample's time.</summary>
public sealed record SeedBatch(DateTimeOffset Time, string Site, string Device, string Sensor, long Seq, int Samples);

/// <summary>One status of the seed.</summary>
public sealed record SeedStatus(DateTimeOffset Time, string Site, string Device, string State);

/// <summary>
/// The known data set the report tests read back, built from fixed rules (no clock, a fixed random seed) and written to
/// InfluxDB as line protocol in the contract's schema. The tests compute every expected figure from these lists.
/// Waste: two banks, October to early December 2026, with deposits at 23:59 and 00:01 WIB across a month's end,
/// voided deposits (one the member's only deposit, one not), a void whose deposit never arrived, and a deposit stored
/// twice. Parks: three days (1 to 3 November 2026 WIB) of an air-quality sensor every minute and an environment sensor
/// every 5 minutes on park-01, with two hours of messages lost in transit (their seq numbers skipped); a soil sensor
/// every 10 minutes on park-02 that falls silent after 36 hours; park-03 heard from only in October.
/// </summary>
public sealed class ReportSeed
{
    public static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    public const string BankA = "bank-sungai-jawi";
    public const string BankB = "bank-siantan";
    public const string Park = "park-alun-kapuas";
    public static readonly DateTimeOffset ParkStart = new(2026, 11, 1, 0, 0, 0, Wib);
    public static readonly DateTimeOffset ParkEnd = new(2026, 11, 4, 0, 0, 0, Wib);
    public static readonly DateTimeOffset LostFrom = new(2026, 11, 2, 10, 0, 0, Wib);
    public static readonly DateTimeOffset LostTo = new(2026, 11, 2, 12, 0, 0, Wib);

    private static readonly Dictionary<string, long> Prices = new(StringComparer.Ordinal) { ["plastic-pet"] = 3000, ["cardboard"] = 1500, ["paper"] = 1200 };

    public ReportSeed()
    {
        BuildWaste();
        BuildParks();
        // Two deposits of one device and category at the same millisecond would be one point (wire contract §9).
        if (Deposits.GroupBy(d => (d.Device, d.Category, d.Time)).Any(g => g.Count() > 1))
        {
            throw new InvalidOperationException("The seed has two deposits at the same millisecond; change its random seed.");
        }
    }

    public List<SeedDeposit> Deposits { get; } = [];

    /// <summary>Deposits written a second time, unchanged (a resend): InfluxDB keeps one point.</summary>
    public List<SeedDeposit> Resent { get; } = [];

    public List<SeedVoid> Voids { get; } = [];

    /// <summary>A void naming a deposit that is not stored (at bank A, 15 November 2026).</summary>
    public SeedVoid UnmatchedVoid { get; } = new(
        new SeedDeposit(new DateTimeOffset(2026, 11, 15, 10, 0, 0, Wib), BankA, "scale-01", "paper", "A-0099", "01JDZZZZZZZZZZZZZZZZZZZZZZ", 1.5m, 1200),
        "01JE0000000000000000000001");

    public List<SeedSample> Samples { get; } = [];

    public List<SeedBatch> Batches { get; } = [];

    public List<SeedStatus> Statuses { get; } = [];

    public bool IsVoided(SeedDeposit deposit) => Voids.Any(v => v.Deposit.Id == deposit.Id);

    /// <summary>Everything as line protocol, millisecond timestamps.</summary>
    public string LineProtocol()
    {
        var lines = new StringBuilder();
        foreach (var d in Deposits.Concat(Resent))
        {
            lines.Append(CultureInfo.InvariantCulture,
                $"deposit,category={d.Category},device={d.Device},site={d.Site} deposit_id=\"{d.Id}\",mass_kg={d.MassKg.ToString(CultureInfo.InvariantCulture)},member=\"{d.Member}\",operator=\"siti\",price_table=\"2026-10-01\",unit_price_idr={d.UnitPriceIdr}i,value_idr={d.ValueIdr}i {Ms(d.Time)}\n");
        }

        foreach (var v in Voids.Append(UnmatchedVoid))
        {
            var d = v.Deposit;
            lines.Append(CultureInfo.InvariantCulture,
                $"deposit_void,category={d.Category},device={d.Device},site={d.Site} deposit_id=\"{d.Id}\",mass_kg={d.MassKg.ToString(CultureInfo.InvariantCulture)},member=\"{d.Member}\",operator=\"siti\",reason=\"salah kategori\",value_idr={d.ValueIdr}i,void_id=\"{v.VoidId}\",voided_at=\"2026-12-02T01:00:00.000Z\" {Ms(d.Time)}\n");
        }

        foreach (var s in Samples)
        {
            var fields = string.Join(',', s.Values.Select(v => $"{v.Key}={v.Value.ToString("R", CultureInfo.InvariantCulture)}"));
            lines.Append(CultureInfo.InvariantCulture, $"{s.Kind},device={s.Device},sensor={s.Sensor},site={s.Site} {fields} {Ms(s.Time)}\n");
        }

        foreach (var b in Batches)
        {
            lines.Append(CultureInfo.InvariantCulture, $"telemetry_batch,device={b.Device},sensor={b.Sensor},site={b.Site} samples={b.Samples}i,seq={b.Seq}i {Ms(b.Time)}\n");
        }

        foreach (var s in Statuses)
        {
            lines.Append(CultureInfo.InvariantCulture, $"device_status,device={s.Device},site={s.Site} state=\"{s.State}\",uptime_s=60i {Ms(s.Time)}\n");
        }

        return lines.ToString();
    }

    private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private void BuildWaste()
    {
        var n = 0;
        SeedDeposit Add(DateTimeOffset time, string site, string category, string member, decimal kg)
        {
            var device = site == BankA ? "scale-01" : "scale-02";
            var deposit = new SeedDeposit(time, site, device, category, member, $"01JD{++n:D22}", kg, Prices[category]);
            Deposits.Add(deposit);
            return deposit;
        }

        // The month's edges, in WIB: 23:59 on 31 October is October; 00:01 on 1 November is November.
        Add(new DateTimeOffset(2026, 10, 31, 23, 59, 0, Wib), BankA, "plastic-pet", "A-0001", 2.345m);
        Add(new DateTimeOffset(2026, 11, 1, 0, 1, 0, Wib), BankA, "plastic-pet", "A-0002", 1.25m);
        Add(new DateTimeOffset(2026, 11, 1, 9, 0, 0, Wib), BankA, "cardboard", "A-0001", 4m);
        Add(new DateTimeOffset(2026, 11, 2, 10, 15, 0, Wib), BankA, "plastic-pet", "A-0001", 0.875m);
        // A-0003's only deposit, voided: A-0003 is no member of November's figures.
        Voids.Add(new SeedVoid(Add(new DateTimeOffset(2026, 11, 2, 10, 20, 0, Wib), BankA, "plastic-pet", "A-0003", 3.21m), "01JE0000000000000000000002"));
        // The same member number at the other bank is another person.
        Add(new DateTimeOffset(2026, 11, 9, 8, 0, 0, Wib), BankB, "paper", "A-0001", 10.5m);
        Add(new DateTimeOffset(2026, 11, 9, 8, 5, 0, Wib), BankB, "paper", "B-0007", 2.2m);
        // B-0007's second deposit, voided: B-0007 still counts once through the first.
        Voids.Add(new SeedVoid(Add(new DateTimeOffset(2026, 11, 9, 8, 6, 0, Wib), BankB, "paper", "B-0007", 1.1m), "01JE0000000000000000000003"));
        Add(new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, Wib), BankB, "cardboard", "B-0008", 5m);
        Add(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Wib), BankB, "cardboard", "B-0009", 6m);

        // The everyday deposits: one every few hours at each bank, members and categories by a fixed random sequence.
        var random = new Random(7);
        string[] categories = ["plastic-pet", "cardboard", "paper"];
        foreach (var site in new[] { BankA, BankB })
        {
            var time = new DateTimeOffset(2026, 10, 20, 8, 0, 0, Wib).AddMinutes(site == BankA ? 0 : 7);
            while (time < new DateTimeOffset(2026, 12, 6, 0, 0, 0, Wib))
            {
                var member = $"{(site == BankA ? 'A' : 'B')}-{random.Next(10, 22):D4}";
                var kg = Math.Round((decimal)(0.1 + (random.NextDouble() * 14.9)), 3);
                var deposit = Add(time.AddMilliseconds(random.Next(0, 1000)), site, categories[random.Next(categories.Length)], member, kg);
                if (n % 17 == 0)
                {
                    Voids.Add(new SeedVoid(deposit, $"01JE{n:D22}"));
                }

                if (n % 23 == 0)
                {
                    Resent.Add(deposit);
                }

                time = time.AddMinutes(random.Next(90, 600));
            }
        }
    }

    private void BuildParks()
    {
        long seq = 1000;
        var minute = 0;
        for (var t = ParkStart; t < ParkEnd; t = t.AddMinutes(1), minute++)
        {
            var lost = t >= LostFrom && t < LostTo;
            var pm25 = 5 + (minute * 37 % 300 / 2.0);
            var samples = new List<SeedSample>
            {
                new(t, Park, "park-01", "aq-1", "air_quality", new Dictionary<string, double> { ["pm25_ugm3"] = pm25, ["pm10_ugm3"] = Math.Round((pm25 * 1.5) + 3, 1) }),
            };
            if (minute % 5 == 0)
            {
                samples.Add(new(t, Park, "park-01", "env-1", "environment", new Dictionary<string, double>
                {
                    ["temperature_c"] = 24 + (minute / 5 % 24 * 0.25),
                    ["humidity_pct"] = 60 + (minute / 5 % 10),
                }));
            }

            // A message lost in transit takes its samples with it; its seq number is never seen.
            if (!lost)
            {
                Samples.AddRange(samples);
                Batches.Add(new SeedBatch(t, Park, "park-01", "aq-1", seq, samples.Count));
            }

            seq++;
            if (minute % 60 == 0)
            {
                Statuses.Add(new SeedStatus(t.AddSeconds(30), Park, "park-01", "online"));
            }
        }

        long soilSeq = 1;
        for (var t = ParkStart; t < ParkStart.AddHours(36); t = t.AddMinutes(10))
        {
            Samples.Add(new SeedSample(t, Park, "park-02", "soil-1", "soil", new Dictionary<string, double> { ["moisture_pct"] = 35 + ((t - ParkStart).TotalHours % 7), ["temperature_c"] = 27.5 }));
            Batches.Add(new SeedBatch(t, Park, "park-02", "soil-1", soilSeq++, 1));
        }

        Statuses.Add(new SeedStatus(new DateTimeOffset(2026, 10, 20, 9, 0, 0, Wib), Park, "park-03", "online"));
    }
}
