using System.Security.Cryptography.X509Certificates;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// The city CA's folder (<see cref="Configuration.SecurityOptions.CertificateDirectory"/>): PEM files, private keys
/// readable by their owner only (0600), the folder itself 0700. Keys live in Ingest's data folder, never in the repository.
/// </summary>
public sealed class CertificateFiles(string directory)
{
    public const string CaCertificateName = "ca.crt";
    public const string CaKeyName = "ca.key";
    public const string ServerCertificateName = "server.crt";
    public const string ServerKeyName = "server.key";

    public string Directory { get; } = Path.GetFullPath(directory);

    public string CaCertificate => Path.Combine(Directory, CaCertificateName);

    public string CaKey => Path.Combine(Directory, CaKeyName);

    public string ServerCertificate => Path.Combine(Directory, ServerCertificateName);

    public string ServerKey => Path.Combine(Directory, ServerKeyName);

    public bool HasCa => File.Exists(CaCertificate) && File.Exists(CaKey);

    public void SaveCa(X509Certificate2 ca) => Save(ca, CaCertificate, CaKey);

    public void SaveServer(X509Certificate2 server) => Save(server, ServerCertificate, ServerKey);

    public X509Certificate2 LoadCa() => X509Certificate2.CreateFromPemFile(CaCertificate, CaKey);

    /// <summary>The CA certificate alone, as PEM: what a device needs to check the broker.</summary>
    public string CaCertificatePem() => File.ReadAllText(CaCertificate);

    /// <summary>Writes a certificate (PEM) and its private key (PKCS#8 PEM, mode 0600).</summary>
    public static void Save(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var folder = Path.GetDirectoryName(Path.GetFullPath(certificatePath))!;
        if (!System.IO.Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(folder);
            }
            else
            {
                System.IO.Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        WritePrivate(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>
    /// Replaces a file with one only its owner may read: written beside it (created 0600, so there is no moment at
    /// which others could read it) and renamed over it, so a reader (Mosquitto on SIGHUP) never sees half a file.
    /// </summary>
    public static void WritePrivate(string path, string text)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
