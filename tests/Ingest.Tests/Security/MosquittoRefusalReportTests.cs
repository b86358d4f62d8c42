using System.Text;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>
/// The reports of Mosquitto's guard plugin, as pontive-guard.c writes them, and the reason Ingest gives each refused
/// publish: the same words as the embedded broker for the same publish.
/// </summary>
public sealed class MosquittoRefusalReportTests
{
    [Fact]
    public void A_report_as_the_plugin_writes_it_gives_the_sender_the_topic_and_the_original_payload()
    {
        // Captured from pontive-guard.so in Mosquitto 2.0.11: a payload with a quote and non-ASCII text, base64 encoded.
        var json = """{"v":1,"username":"bank-a.scale-01","topic":"pontive/v1/bank-b/scale-01/status","qos":1,"retain":false,"payload":"eyJ4IjoiaMOpbGxvXCJ9"}"""u8;

        Assert.True(MosquittoRefusalReport.TryParse(json, out var report, out var problem), problem);
        Assert.Equal("bank-a.scale-01", report.Username);
        Assert.Equal("pontive/v1/bank-b/scale-01/status", report.Topic);
        Assert.Equal("""{"x":"héllo\"}""", Encoding.UTF8.GetString(report.Payload));
    }

    [Fact]
    public void An_empty_payload_is_a_report_too()
    {
        Assert.True(MosquittoRefusalReport.TryParse("""{"v":1,"username":"a.b","topic":"x","payload":""}"""u8, out var report, out _));
        Assert.Empty(report.Payload);
    }

    [Theory]
    [InlineData("""{"v":2,"username":"a.b","topic":"x","payload":""}""", "not a version 1 report")]
    [InlineData("""{"username":"a.b","topic":"x","payload":""}""", "not a version 1 report")]
    [InlineData("""{"v":1,"topic":"x","payload":""}""", "needs username, topic and payload")]
    [InlineData("""{"v":1,"username":"a.b","payload":""}""", "needs username, topic and payload")]
    [InlineData("""{"v":1,"username":"a.b","topic":"x","payload":"not base64!"}""", "not a readable report")]
    [InlineData("""{"v":1,"username":"a.b","topic":"x","payload":{"nested":{}}}""", "not a readable report")]
    [InlineData("""[1,2,3]""", "not a version 1 report")]
    [InlineData("""{"v":1,""", "not a readable report")]
    public void Anything_else_is_not_a_report_and_says_why(string json, string expected)
    {
        Assert.False(MosquittoRefusalReport.TryParse(Encoding.UTF8.GetBytes(json), out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_naming_another_device_is_spoofing_and_the_reason_names_both()
    {
        var reason = RefusedPublishes.Reason("bank-tanjung-hulu.scale-01", "pontive/v1/bank-siantan/scale-01/status");

        Assert.Equal(RejectionCode.Spoofing, reason.Code);
        Assert.Equal("bank-tanjung-hulu.scale-01 published as bank-siantan/scale-01; a device may only speak for itself", reason.Reason);
    }

    [Theory]
    [InlineData("bank-siantan.scale-01", "pontive/v1/bank-siantan/scale-01/config")]
    [InlineData("bank-siantan.scale-01", "city/secrets")]
    [InlineData("bank-siantan.scale-01", MosquittoRefusalReport.ReportTopic)]
    [InlineData("pontive-ingest", "pontive/v1/bank-siantan/scale-01/status")]
    public void Any_other_forbidden_topic_is_an_invalid_topic_of_its_sender(string username, string topic)
    {
        var reason = RefusedPublishes.Reason(username, topic);

        Assert.Equal(RejectionCode.InvalidTopic, reason.Code);
        Assert.Equal($"{username} may not publish on '{topic}'", reason.Reason);
    }
}
