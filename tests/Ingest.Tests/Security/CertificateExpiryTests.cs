using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>
/// When the broker's certificate expires every device refuses the broker: Ingest says so a month ahead, in its log
/// and in /health, and calls itself unhealthy once it has happened.
/// </summary>
public sealed class CertificateExpiryTests : IDisposable
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 28, 3, 0, 0, TimeSpan.Zero);

    private readonly TemporaryFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Issued);
    private readonly FakeLogger<CertificateExpiry> _logger = new();
    private readonly CertificateExpiry _expiry;

    public CertificateExpiryTests()
    {
        var files = new CertificateFiles(_folder.File("ca"));
        using var ca = CityCertificateAuthority.CreateCa(Issued, Issued.AddYears(10));
        files.SaveCa(ca);
        using var server = CityCertificateAuthority.IssueServer(ca, ["mqtt.example.go.id"], [IPAddress.Loopback], Issued, Issued.AddDays(90));
        files.SaveServer(server);
        _expiry = new CertificateExpiry(
            Options.Create(new SecurityOptions { CertificateDirectory = files.Directory }),
            Options.Create(new BrokerOptions()),
            Options.Create(new IngestOptions { DataDirectory = _folder.Path }),
            _time,
            _logger);
    }

    [Fact]
    public void Certificates_far_from_their_end_are_listed_without_a_warning()
    {
        var dates = _expiry.Check();

        Assert.Equal(["city CA", "broker certificate"], dates.Select(d => d.Name));
        Assert.Equal(90, dates[1].DaysLeft);
        Assert.Empty(_expiry.Warnings);
        Assert.Empty(_expiry.Problems);
        Assert.Equal(0, _logger.Collector.Count);
    }

    [Fact]
    public void Within_the_warning_period_the_log_and_health_say_when_it_ends()
    {
        _time.Advance(TimeSpan.FromDays(70));

        _expiry.Check();

        var warning = Assert.Single(_expiry.Warnings);
        Assert.Equal("the broker certificate expires on 2027-02-26 UTC, in 20 day(s)", warning);
        Assert.Empty(_expiry.Problems);
        var logged = Assert.Single(_logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("expires on 2027-02-26 UTC, in 20 day(s): renew it", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_a_problem_and_an_error_in_the_log()
    {
        _time.Advance(TimeSpan.FromDays(91));

        _expiry.Check();

        Assert.Equal("the broker certificate expired on 2027-02-26 UTC: devices refuse the broker", Assert.Single(_expiry.Problems));
        Assert.Empty(_expiry.Warnings);
        Assert.Equal(LogLevel.Error, Assert.Single(_logger.Collector.GetSnapshot()).Level);
    }

    [Fact]
    public void A_renewed_certificate_is_seen_at_the_next_check()
    {
        _time.Advance(TimeSpan.FromDays(70));
        _expiry.Check();
        var files = new CertificateFiles(_folder.File("ca"));
        using (var ca = files.LoadCa())
        using (var renewed = CityCertificateAuthority.IssueServer(ca, ["mqtt.example.go.id"], [], _time.GetUtcNow(), _time.GetUtcNow().AddDays(730)))
        {
            files.SaveServer(renewed);
        }

        _expiry.Check();

        Assert.Empty(_expiry.Warnings);
    }

    [Fact]
    public void Without_certificate_files_there_is_nothing_to_watch()
    {
        var expiry = new CertificateExpiry(
            Options.Create(new SecurityOptions()),
            Options.Create(new BrokerOptions()),
            Options.Create(new IngestOptions { DataDirectory = _folder.File("empty") }),
            _time,
            _logger);

        Assert.Empty(expiry.Check());
    }

    public void Dispose() => _folder.Dispose();
}
