using InfluxDB.Client.Writes;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Storage;

/// <summary>
/// Each channel to the exact line protocol of the contract's InfluxDB schema. Analysts' queries and dashboards
/// depend on these names and types: a float written as an integer once makes InfluxDB refuse that field for good.
/// </summary>
public sealed class PointMapperTests
{
    [Fact]
    public void The_contract_telemetry_example_becomes_one_point_of_its_kind_tagged_with_site_device_and_sensor()
    {
        var lines = Telemetry(WirePayloads.TelemetryTopic, WirePayloads.Telemetry);

        Assert.Equal(
            ["environment,device=env-node-01,sensor=env-1,site=park-alun-kapuas humidity_pct=78.1,pressure_hpa=1009.6,temperature_c=29.4 1795835700000"],
            lines);
    }

    [Fact]
    public void Site_and_device_come_from_the_topic()
    {
        var lines = Telemetry("pontive/v1/park-sungai-raya/node-07/telemetry", WirePayloads.Telemetry);

        Assert.StartsWith("environment,device=node-07,sensor=env-1,site=park-sungai-raya ", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_sample_of_a_batch_is_a_point_at_its_own_millisecond()
    {
        const string json = """
            {"v":1,"seq":7,"samples":[
              {"t":"2026-11-28T03:15:00.120Z","sensor":"lux-1","kind":"light","values":{"illuminance_lux":812.5}},
              {"t":"2026-11-28T03:15:00.121Z","sensor":"lux-1","kind":"light","values":{"illuminance_lux":813}},
              {"t":"2026-11-28T03:16:00.000Z","sensor":"soil-1","kind":"soil","values":{"moisture_pct":41.2,"temperature_c":27}}]}
            """;

        var lines = Telemetry("pontive/v1/park-alun-kapuas/node-01/telemetry", json);

        Assert.Equal(
            [
                "light,device=node-01,sensor=lux-1,site=park-alun-kapuas illuminance_lux=812.5 1795835700120",
                "light,device=node-01,sensor=lux-1,site=park-alun-kapuas illuminance_lux=813 1795835700121",
                "soil,device=node-01,sensor=soil-1,site=park-alun-kapuas moisture_pct=41.2,temperature_c=27 1795835760000",
            ],
            lines);
    }

    [Fact]
    public void A_whole_number_reading_is_still_written_as_a_float_so_the_field_keeps_one_type()
    {
        const string json = """
            {"v":1,"seq":7,"samples":[{"t":"2026-11-28T03:15:00.000Z","sensor":"lux-1","kind":"light","values":{"illuminance_lux":813}}]}
            """;

        var line = Assert.Single(Telemetry("pontive/v1/park-alun-kapuas/node-01/telemetry", json));

        Assert.Contains(" illuminance_lux=813 ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("813i", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sample_taken_before_the_clock_was_trusted_carries_clock_unsynced_true()
    {
        const string json = """
            {"v":1,"seq":7,"samples":[{"t":"2026-11-28T03:15:00.000Z","sensor":"lux-1","kind":"light","values":{"illuminance_lux":5},"clock":"unsynced"}]}
            """;

        var line = Assert.Single(Telemetry("pontive/v1/park-alun-kapuas/node-01/telemetry", json));

        Assert.Equal("light,device=node-01,sensor=lux-1,site=park-alun-kapuas clock_unsynced=true,illuminance_lux=5 1795835700000", line);
    }

    [Theory]
    [InlineData(""","clock":"synced" """)]
    [InlineData("")]
    public void A_sample_with_a_trusted_clock_has_no_clock_field(string clock)
    {
        var json = $$"""
            {"v":1,"seq":7,"samples":[{"t":"2026-11-28T03:15:00.000Z","sensor":"lux-1","kind":"light","values":{"illuminance_lux":5}{{clock.Trim()}}}]}
            """;

        var line = Assert.Single(Telemetry("pontive/v1/park-alun-kapuas/node-01/telemetry", json));

        Assert.DoesNotContain("clock", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensor_id_with_spaces_commas_and_equals_signs_is_escaped_as_a_tag()
    {
        const string json = """
            {"v":1,"seq":7,"samples":[{"t":"2026-11-28T03:15:00.000Z","sensor":"lux 1,a=b","kind":"light","values":{"illuminance_lux":5}}]}
            """;

        var line = Assert.Single(Telemetry("pontive/v1/park-alun-kapuas/node-01/telemetry", json));

        Assert.Equal(@"light,device=node-01,sensor=lux\ 1\,a\=b,site=park-alun-kapuas illuminance_lux=5 1795835700000", line);
    }

    [Fact]
    public void The_contract_deposit_example_keeps_money_as_integers_mass_as_a_float_and_ids_as_string_fields()
    {
        var line = Deposit(WirePayloads.DepositTopic, WirePayloads.Deposit);

        Assert.Equal(
            "deposit,category=plastic-pet,device=scale-01,site=bank-sungai-jawi "
            + "deposit_id=\"01JDX3W6Q8Z2M4N5P6R7S8T9V0\",mass_kg=2.345,member=\"A-0042\",operator=\"siti\","
            + "price_table=\"2026-11-01\",unit_price_idr=3000i,value_idr=7035i 1795836011512",
            line);
    }

    [Fact]
    public void A_correction_becomes_a_deposit_void_at_the_voided_deposits_time_so_reports_net_it_out_of_that_period()
    {
        var decoded = PayloadDecoder.DecodeCorrection(WirePayloads.Utf8(WirePayloads.Correction));
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());

        var line = LineOf(PointMapper.FromCorrection(Topic(WirePayloads.CorrectionTopic), decoded.Message));

        Assert.Equal(
            "deposit_void,category=plastic-pet,device=scale-01,site=bank-sungai-jawi "
            + "deposit_id=\"01JDX3W6Q8Z2M4N5P6R7S8T9V0\",mass_kg=2.345,member=\"A-0042\",operator=\"siti\",reason=\"salah kategori\","
            + "value_idr=7035i,void_id=\"01JDX4A1B2C3D4E5F6G7H8J9K0\",voided_at=\"2026-11-28T03:25:40.250Z\" 1795836011512",
            line);
    }

    [Fact]
    public void A_deposit_of_a_whole_number_of_kilograms_writes_mass_kg_as_a_float()
    {
        var json = WirePayloads.Deposit.Replace("\"mass_kg\":2.345", "\"mass_kg\":2", StringComparison.Ordinal)
            .Replace("\"value_idr\":7035", "\"value_idr\":6000", StringComparison.Ordinal);

        var line = Deposit(WirePayloads.DepositTopic, json);

        Assert.Contains(",mass_kg=2,", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_and_backslashes_in_string_fields_are_escaped()
    {
        var json = WirePayloads.Deposit.Replace("\"operator\":\"siti\"", """ "operator":"siti \"kasir\" \\ 2" """.Trim(), StringComparison.Ordinal);

        var line = Deposit(WirePayloads.DepositTopic, json);

        Assert.Contains("""operator="siti \"kasir\" \\ 2",""", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deposit_is_tagged_with_its_category_and_never_with_member_operator_or_id()
    {
        var line = Deposit(WirePayloads.DepositTopic, WirePayloads.Deposit);
        var tags = line[..line.IndexOf(' ', StringComparison.Ordinal)];

        Assert.Equal("deposit,category=plastic-pet,device=scale-01,site=bank-sungai-jawi", tags);
    }

    [Fact]
    public void The_contract_status_example_becomes_device_status_with_the_outbox_figures_as_integers()
    {
        var line = Status(WirePayloads.StatusTopic, WirePayloads.Status);

        Assert.Equal(
            "device_status,device=scale-01,site=bank-sungai-jawi "
            + "outbox_depth=12i,outbox_dropped=0i,outbox_oldest_s=40i,state=\"online\",uptime_s=3600i 1795835700120",
            line);
    }

    [Fact]
    public void The_last_will_writes_only_the_state_because_the_other_status_fields_are_absent()
    {
        var line = Status(WirePayloads.StatusTopic, WirePayloads.LastWill);

        Assert.Equal("device_status,device=scale-01,site=bank-sungai-jawi state=\"offline\" 1795835700120", line);
    }

    [Fact]
    public void A_status_with_uptime_but_no_outbox_has_no_outbox_fields()
    {
        const string json = """{"v":1,"t":"2026-11-28T03:15:00.120Z","state":"online","uptime_s":5}""";

        var line = Status(WirePayloads.StatusTopic, json);

        Assert.Equal("device_status,device=scale-01,site=bank-sungai-jawi state=\"online\",uptime_s=5i 1795835700120", line);
    }

    [Fact]
    public void Every_point_is_written_at_millisecond_precision()
    {
        var decoded = PayloadDecoder.DecodeDeposit(WirePayloads.Utf8(WirePayloads.Deposit));
        Assert.True(decoded.IsValid);

        Assert.Equal(InfluxDB.Client.Api.Domain.WritePrecision.Ms, PointMapper.FromDeposit(Topic(WirePayloads.DepositTopic), decoded.Message).Precision);
    }

    private static List<string> Telemetry(string topic, string json)
    {
        var decoded = PayloadDecoder.DecodeTelemetry(WirePayloads.Utf8(json));
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());
        return PointMapper.FromTelemetry(Topic(topic), decoded.Message).Select(LineOf).ToList();
    }

    private static string Deposit(string topic, string json)
    {
        var decoded = PayloadDecoder.DecodeDeposit(WirePayloads.Utf8(json));
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());
        return LineOf(PointMapper.FromDeposit(Topic(topic), decoded.Message));
    }

    private static string Status(string topic, string json)
    {
        var decoded = PayloadDecoder.DecodeStatus(WirePayloads.Utf8(json));
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());
        return LineOf(PointMapper.FromStatus(Topic(topic), decoded.Message));
    }

    private static DeviceTopic Topic(string topic)
    {
        Assert.True(DeviceTopic.TryParse(topic, out var parsed, out var rejection), rejection?.ToString());
        return parsed;
    }

    private static string LineOf(PointData point) => point.ToLineProtocol();
}
