using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Pontive.Iot.Ingest.Cli;
using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>
/// What the city's administrator runs: <c>ca init</c>, then <c>devices add</c> for each device (an enrolment bundle
/// for the technician), <c>devices list</c>, <c>devices revoke</c>, and the files for Mosquitto.
/// </summary>
[Collection(ConsoleOutput.Collection)]
public sealed class DeviceCommandsTests : IDisposable
{
    private readonly TemporaryFolder _data = new();

    [Fact]
    public async Task Ca_init_creates_the_CA_and_a_broker_certificate_for_the_given_names_with_private_keys()
    {
        var (exitCode, output, _) = await RunAsync("ca", "init", "--host", "mqtt.pontianak.example", "--ip", "203.0.113.5");

        Assert.Equal(0, exitCode);
        var files = Files;
        using var ca = files.LoadCa();
        using var server = X509Certificate2.CreateFromPemFile(files.ServerCertificate, files.ServerKey);
        Assert.True(CityCertificateAuthority.IsSignedBy(server, ca, DateTimeOffset.UtcNow));
        Assert.True(server.MatchesHostname("mqtt.pontianak.example"));
        Assert.True(server.MatchesHostname("203.0.113.5"));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.Equal(FileModes.OwnerOnly, FileModes.Of(files.CaKey));
        Assert.Contains($"--Broker:TlsCertificate={files.ServerCertificate}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ca_init_does_not_replace_an_existing_CA()
    {
        await RunAsync("ca", "init", "--host", "mqtt.pontianak.example");
        var before = File.ReadAllText(Files.CaKey);

        var (exitCode, _, error) = await RunAsync("ca", "init", "--host", "mqtt.pontianak.example");

        Assert.Equal(1, exitCode);
        Assert.Contains("ca issue-server", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Files.CaKey));
    }

    [Fact]
    public async Task Devices_add_prints_a_bundle_whose_password_signs_the_device_in_and_is_not_stored()
    {
        await RunAsync("ca", "init", "--host", "mqtt.pontianak.example");

        var (exitCode, output, _) = await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "mqtt.pontianak.example");

        Assert.Equal(0, exitCode);
        using var bundle = JsonDocument.Parse(output);
        var mqtt = bundle.RootElement.GetProperty("Mqtt");
        Assert.Equal("bank-sungai-jawi", bundle.RootElement.GetProperty("Agent").GetProperty("Site").GetString());
        Assert.Equal("scale-01", bundle.RootElement.GetProperty("Agent").GetProperty("Device").GetString());
        Assert.Equal("mqtt.pontianak.example", mqtt.GetProperty("Host").GetString());
        Assert.Equal(8883, mqtt.GetProperty("Port").GetInt32());
        Assert.True(mqtt.GetProperty("UseTls").GetBoolean());
        Assert.Equal("bank-sungai-jawi.scale-01", mqtt.GetProperty("Username").GetString());
        Assert.Equal("bank-sungai-jawi.scale-01", mqtt.GetProperty("ClientId").GetString());
        Assert.Equal(Files.CaCertificatePem(), mqtt.GetProperty("CaCertificate").GetString());
        var password = mqtt.GetProperty("Password").GetString()!;
        using var database = new RegistryDatabase(RegistryPath);
        var account = new BrokerAccounts(database, TimeProvider.System).Find("bank-sungai-jawi.scale-01")!;
        Assert.True(PasswordHash.Verify(password, account.PasswordHash));
        Assert.DoesNotContain(password, File.ReadAllText(RegistryPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_add_refuses_an_enrolled_device_unless_asked_to_renew_which_changes_the_password()
    {
        await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "127.0.0.1");
        var first = PasswordOf((await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-02", "--host", "127.0.0.1")).Output);

        var (again, _, error) = await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-02", "--host", "127.0.0.1");
        var (renewed, output, _) = await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-02", "--host", "127.0.0.1", "--renew");

        Assert.Equal(1, again);
        Assert.Contains("--renew", error, StringComparison.Ordinal);
        Assert.Equal(0, renewed);
        Assert.NotEqual(first, PasswordOf(output));
    }

    [Fact]
    public async Task Without_a_CA_the_bundle_says_no_TLS_and_the_plain_port_and_warns()
    {
        var (exitCode, output, error) = await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "127.0.0.1");

        Assert.Equal(0, exitCode);
        using var bundle = JsonDocument.Parse(output);
        Assert.False(bundle.RootElement.GetProperty("Mqtt").GetProperty("UseTls").GetBoolean());
        Assert.Equal(1883, bundle.RootElement.GetProperty("Mqtt").GetProperty("Port").GetInt32());
        Assert.False(bundle.RootElement.GetProperty("Mqtt").TryGetProperty("CaCertificate", out _));
        Assert.Contains("ca init", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bundle_written_to_a_file_is_readable_by_its_owner_only()
    {
        var path = _data.File("enrolment.json");

        var (exitCode, output, _) = await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "127.0.0.1", "--output", path);

        Assert.Equal(0, exitCode);
        Assert.Empty(output);
        Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path));
        Assert.NotNull(PasswordOf(File.ReadAllText(path)));
    }

    [Fact]
    public async Task A_device_is_refused_a_bundle_without_a_broker_address()
    {
        var (exitCode, _, error) = await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01");

        Assert.Equal(1, exitCode);
        Assert.Contains("Security:DeviceBrokerHost", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_site_id_is_refused_with_the_rule()
    {
        var (exitCode, _, error) = await RunAsync("devices", "add", "--site", "Bank Sungai Jawi", "--device", "scale-01", "--host", "127.0.0.1");

        Assert.Equal(1, exitCode);
        Assert.Contains("lower-case letters, digits and '-'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_marks_the_account_and_list_shows_it_with_the_others()
    {
        await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "127.0.0.1");
        await RunAsync("devices", "add", "--site", "park-alun-kapuas", "--device", "sensors-01", "--host", "127.0.0.1");

        var (revoked, _, _) = await RunAsync("devices", "revoke", "--site", "bank-sungai-jawi", "--device", "scale-01");
        var (again, _, error) = await RunAsync("devices", "revoke", "--site", "bank-sungai-jawi", "--device", "scale-01");
        var (_, list, _) = await RunAsync("devices", "list");

        Assert.Equal(0, revoked);
        Assert.Equal(1, again);
        Assert.Contains("no active account", error, StringComparison.Ordinal);
        var lines = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^bank-sungai-jawi\.scale-01 +\S+ \S+ +revoked ", lines[1]);
        Assert.Matches(@"^park-alun-kapuas\.sensors-01 +\S+ \S+ +active ", lines[2]);
    }

    [Fact]
    public async Task Export_mosquitto_writes_the_active_accounts_and_the_TLS_files()
    {
        await RunAsync("ca", "init", "--host", "mqtt.pontianak.example");
        await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "127.0.0.1");
        await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-02", "--host", "127.0.0.1");
        await RunAsync("devices", "revoke", "--site", "bank-sungai-jawi", "--device", "scale-02");
        var ingest = await RunAsync("devices", "ingest-account");
        var mosquitto = _data.File("mosquitto");

        var (exitCode, _, error) = await RunAsync("devices", "export-mosquitto", "--dir", mosquitto);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("Broker__Username=pontive-ingest", ingest.Output, StringComparison.Ordinal);
        var passwords = File.ReadAllLines(Path.Combine(mosquitto, MosquittoSecurityFiles.PasswordFileName));
        Assert.Equal(["pontive-ingest", "bank-sungai-jawi.scale-01"], passwords.Select(line => line.Split(':')[0]));
        Assert.Contains("user bank-sungai-jawi.scale-01", File.ReadAllText(Path.Combine(mosquitto, MosquittoSecurityFiles.AclFileName)), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Files.ServerCertificate), File.ReadAllText(Path.Combine(mosquitto, CertificateFiles.ServerCertificateName)));
        FileModes.AssertMosquittoSecret(Path.Combine(mosquitto, CertificateFiles.ServerKeyName));
    }

    [Fact]
    public async Task Export_mosquitto_that_cannot_write_a_file_says_which_and_why_and_exits_1()
    {
        await RunAsync("ca", "init", "--host", "mqtt.pontianak.example");
        await RunAsync("devices", "add", "--site", "bank-sungai-jawi", "--device", "scale-01", "--host", "127.0.0.1");
        var mosquitto = _data.File("mosquitto");
        Directory.CreateDirectory(Path.Combine(mosquitto, CertificateFiles.CaCertificateName));

        var (exitCode, output, error) = await RunAsync("devices", "export-mosquitto", "--dir", mosquitto);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{Path.Combine(mosquitto, CertificateFiles.CaCertificateName)} is a folder, where a file should be: move it away and export again.", error.Trim());
        Assert.Empty(output);
        Assert.False(File.Exists(Path.Combine(mosquitto, MosquittoSecurityFiles.PasswordFileName)));
    }

    public void Dispose() => _data.Dispose();

    private CertificateFiles Files => new(Path.Combine(_data.Path, "ca"));

    private string RegistryPath => _data.File(RegistryDatabase.FileName);

    private static string? PasswordOf(string bundle)
    {
        using var json = JsonDocument.Parse(bundle);
        return json.RootElement.GetProperty("Mqtt").GetProperty("Password").GetString();
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var console = new ConsoleCapture();
        var exitCode = await IngestCommandLine.Build().Parse([.. args, $"--Ingest:DataDirectory={_data.Path}"]).InvokeAsync();
        return (exitCode, console.Out, console.Error);
    }
}
