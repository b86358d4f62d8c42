using System.Text;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>dead-letters.db keeps refused payloads whole, member ids and operator names included: for Ingest's user only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeadLetterStoreFileModeTests
{
    [Fact]
    public void A_new_store_and_its_wal_and_shm_files_are_readable_by_their_owner_only()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("dead-letters.db");

        using (var store = new DeadLetterStore(path, maxKept: 10))
        {
            var deposit = new InboundMessage("pontive/v1/bank-sungai-jawi/scale-01/deposit", Encoding.UTF8.GetBytes("""{"member":"A-0042"}"""), DateTimeOffset.UnixEpoch);
            store.Keep(deposit, Rejection.Of(RejectionCode.InvalidValue, "example"));

            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path));
            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path + "-wal"));
            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path + "-shm"));
        }
    }

    [Fact]
    public void A_store_left_readable_by_others_is_closed_when_opened()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("dead-letters.db");
        using (new DeadLetterStore(path, maxKept: 10))
        {
        }

        File.SetUnixFileMode(path, FileModes.Everyone);

        using (new DeadLetterStore(path, maxKept: 10))
        {
            Assert.Equal(FileModes.OwnerOnly, FileModes.Of(path));
        }
    }
}
