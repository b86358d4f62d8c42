using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>Accounts in registry.db: only a hash is kept, a revocation sticks until a new password is issued.</summary>
public sealed class BrokerAccountsTests : IDisposable
{
    private static readonly BrokerIdentity Scale = BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-01");
    private readonly TemporaryFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));
    private readonly RegistryDatabase _database;
    private readonly BrokerAccounts _accounts;

    public BrokerAccountsTests()
    {
        _database = new RegistryDatabase(_folder.File(RegistryDatabase.FileName));
        _accounts = new BrokerAccounts(_database, _time);
    }

    [Fact]
    public void An_issued_password_is_kept_only_as_a_hash_that_verifies_it()
    {
        var password = _accounts.Issue(Scale, iterations: 100);

        var account = _accounts.Find(Scale.Username)!;
        Assert.DoesNotContain(password, account.PasswordHash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify(password, account.PasswordHash));
        Assert.True(account.IsActive);
        Assert.Equal(_time.GetUtcNow(), account.IssuedAt);
        Assert.DoesNotContain(password, File.ReadAllText(_database.FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_account_stays_listed_as_revoked_and_cannot_be_revoked_twice()
    {
        _accounts.Issue(Scale, iterations: 100);
        _time.Advance(TimeSpan.FromDays(1));

        Assert.True(_accounts.Revoke(Scale));
        Assert.False(_accounts.Revoke(Scale));

        var account = Assert.Single(_accounts.All());
        Assert.False(account.IsActive);
        Assert.Equal(_time.GetUtcNow(), account.RevokedAt);
    }

    [Fact]
    public void A_new_password_replaces_the_old_one_and_lifts_a_revocation()
    {
        var first = _accounts.Issue(Scale, iterations: 100);
        _accounts.Revoke(Scale);
        _time.Advance(TimeSpan.FromMinutes(5));

        var second = _accounts.Issue(Scale, iterations: 100);

        var account = _accounts.Find(Scale.Username)!;
        Assert.True(account.IsActive);
        Assert.False(PasswordHash.Verify(first, account.PasswordHash));
        Assert.True(PasswordHash.Verify(second, account.PasswordHash));
        Assert.Equal(_time.GetUtcNow(), account.IssuedAt);
    }

    [Fact]
    public void Revoking_an_account_that_does_not_exist_changes_nothing()
    {
        Assert.False(_accounts.Revoke(Scale));
        Assert.Empty(_accounts.All());
    }

    [Fact]
    public void A_change_made_by_another_process_is_noticed_and_one_made_here_is_not()
    {
        _accounts.Issue(Scale, iterations: 100);
        var before = _accounts.ChangesByOthers();
        _accounts.Issue(BrokerIdentity.Ingest, iterations: 100);
        Assert.Equal(before, _accounts.ChangesByOthers());

        using (var commandLine = new RegistryDatabase(_database.FilePath))
        {
            new BrokerAccounts(commandLine, _time).Revoke(Scale);
        }

        Assert.NotEqual(before, _accounts.ChangesByOthers());
        Assert.False(_accounts.Find(Scale.Username)!.IsActive);
    }

    [Fact]
    public void The_list_puts_Ingest_first_then_devices_by_site_and_device()
    {
        _accounts.Issue(BrokerIdentity.ForDevice("park-alun-kapuas", "sensors-01"), iterations: 100);
        _accounts.Issue(BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-02"), iterations: 100);
        _accounts.Issue(BrokerIdentity.Ingest, iterations: 100);
        _accounts.Issue(Scale, iterations: 100);

        Assert.Equal(
            ["pontive-ingest", "bank-sungai-jawi.scale-01", "bank-sungai-jawi.scale-02", "park-alun-kapuas.sensors-01"],
            _accounts.All().Select(a => a.Identity.Username));
    }

    public void Dispose()
    {
        _database.Dispose();
        _folder.Dispose();
    }
}
