namespace Pontive.Iot.Ingest.Security;

/// <summary>A file's owner, group and mode on Linux, as <c>ls -l</c> shows them.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public readonly record struct UnixFileOwnership(uint UserId, uint GroupId, UnixFileMode Mode)
{
    public string Describe() =>
        $"owner {UnixAccounts.UserName(UserId)}, group {UnixAccounts.GroupName(GroupId)}, mode {UnixAccounts.Octal(Mode)}";
}
