using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Reports.Output;
using Pontive.Iot.Ingest.Reports.Rollups;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>CSV that spreadsheets read as written, and the point that records each telemetry message's number.</summary>
public sealed class OutputTests
{
    [Fact]
    public void Csv_quotes_only_the_cells_that_need_it_and_writes_numbers_and_times_invariantly()
    {
        var csv = new CsvTable("name", "kg", "at", "note")
            .Row("bank-a", 1234.5m, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7)), "salah kategori, \"PET\"")
            .Row("bank-b", null, null, " padded")
            .ToString();

        Assert.Equal(
            "name,kg,at,note\r\n"
            + "bank-a,1234.5,2026-11-01T00:00:00+07:00,\"salah kategori, \"\"PET\"\"\"\r\n"
            + "bank-b,,,\" padded\"\r\n",
            csv);
    }

    [Fact]
    public void Csv_doubles_have_at_most_six_decimals_and_no_exponent()
    {
        Assert.Equal("0.333333", CsvTable.Format(1.0 / 3));
        Assert.Equal("1500000", CsvTable.Format(1.5e6));
    }

    [Fact]
    public void A_telemetry_message_is_recorded_as_one_point_with_its_seq_and_sample_count_at_its_first_sample()
    {
        var message = new TelemetryMessage
        {
            Seq = 1042,
            Samples =
            [
                new Sample { T = DateTimeOffset.FromUnixTimeMilliseconds(1_795_835_700_000), Sensor = "env-1", Kind = "environment", Values = new Dictionary<string, double> { ["temperature_c"] = 29.4 } },
                new Sample { T = DateTimeOffset.FromUnixTimeMilliseconds(1_795_835_760_000), Sensor = "soil-1", Kind = "soil", Values = new Dictionary<string, double> { ["moisture_pct"] = 40 } },
            ],
        };

        var point = TelemetryBatchPoint.From(new DeviceTopic("park-a", "p1", DeviceChannel.Telemetry), message);

        Assert.Equal("telemetry_batch,device=p1,sensor=env-1,site=park-a samples=2i,seq=1042i 1795835700000", point.ToLineProtocol());
    }
}
