using System.Text.RegularExpressions;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>Broker passwords are stored hashed, in the one format both brokers read: Mosquitto's sha512-pbkdf2.</summary>
public sealed partial class PasswordHashTests
{
    // Written by `mosquitto_passwd -c -b pw user1 secret` (Mosquitto 2.0.11, Debian 12).
    private const string MadeByMosquittoPasswd = "$7$101$fn5dEf8BxN8q76tJ$uVH7Y8QfiEr/x1qJuE1g4mXPOgxszE4Q0xRGv/xEZ80KXPH2D+UavljcUxutO9DfPAErjWbtsNKa6OGcfj0Rog==";

    [Fact]
    public void A_hash_made_by_mosquitto_passwd_verifies_its_password_and_only_that()
    {
        Assert.True(PasswordHash.Verify("secret", MadeByMosquittoPasswd));
        Assert.False(PasswordHash.Verify("Secret", MadeByMosquittoPasswd));
    }

    [Fact]
    public void A_new_hash_has_mosquittos_layout_with_a_12_byte_salt_and_a_64_byte_hash()
    {
        var hash = PasswordHash.Hash("correct horse");

        var match = MosquittoLayout().Match(hash);
        Assert.True(match.Success, hash);
        Assert.Equal("10000", match.Groups["iterations"].Value);
        Assert.Equal(12, Convert.FromBase64String(match.Groups["salt"].Value).Length);
        Assert.Equal(64, Convert.FromBase64String(match.Groups["hash"].Value).Length);
        Assert.True(PasswordHash.Verify("correct horse", hash));
        Assert.False(PasswordHash.Verify("correct horse ", hash));
    }

    [Fact]
    public void The_same_password_hashes_differently_each_time()
    {
        Assert.NotEqual(PasswordHash.Hash("same", 100), PasswordHash.Hash("same", 100));
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret")]
    [InlineData("$6$101$fn5dEf8BxN8q76tJ$uVH7Y8QfiEr/x1qJuE1g4mXPOgxszE4Q0xRGv/xEZ80KXPH2D+UavljcUxutO9DfPAErjWbtsNKa6OGcfj0Rog==")]
    [InlineData("$7$0$fn5dEf8BxN8q76tJ$uVH7Y8QfiEr/x1qJuE1g4mXPOgxszE4Q0xRGv/xEZ80KXPH2D+UavljcUxutO9DfPAErjWbtsNKa6OGcfj0Rog==")]
    [InlineData("$7$101$not base64!$uVH7Y8QfiEr/x1qJuE1g4mXPOgxszE4Q0xRGv/xEZ80KXPH2D+UavljcUxutO9DfPAErjWbtsNKa6OGcfj0Rog==")]
    [InlineData("$7$101$fn5dEf8BxN8q76tJ$c2hvcnQ=")]
    public void A_malformed_stored_hash_verifies_nothing(string stored)
    {
        Assert.False(PasswordHash.Verify("secret", stored));
    }

    [Fact]
    public void A_missing_password_verifies_nothing()
    {
        Assert.False(PasswordHash.Verify(null, MadeByMosquittoPasswd));
    }

    [Fact]
    public void New_passwords_are_32_url_safe_characters_and_never_repeat()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => PasswordHash.NewPassword()).ToList();

        Assert.All(passwords, p => Assert.Matches("^[A-Za-z0-9_-]{32}$", p));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }

    [GeneratedRegex(@"^\$7\$(?<iterations>[0-9]+)\$(?<salt>[A-Za-z0-9+/=]+)\$(?<hash>[A-Za-z0-9+/=]+)\z")]
    private static partial Regex MosquittoLayout();
}
