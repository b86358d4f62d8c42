using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>registry.db holds the broker accounts' password hashes: nobody but Ingest's user may read it, nor its WAL.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RegistryDatabaseFileModeTests
{
    [Fact]
    public void A_new_registry_and_its_wal_and_shm_files_are_readable_by_their_owner_only()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(RegistryDatabase.FileName);

        using (var database = new RegistryDatabase(path))
        {
            new BrokerAccounts(database, TimeProvider.System).Issue(BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-01"));

            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path));
            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path + "-wal"));
            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path + "-shm"));
        }
    }

    [Fact]
    public void A_registry_left_readable_by_others_is_closed_when_opened()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File(RegistryDatabase.FileName);
        using (new RegistryDatabase(path))
        {
        }

        File.SetUnixFileMode(path, FileModes.Everyone);

        using (new RegistryDatabase(path))
        {
            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path));
        }
    }
}
