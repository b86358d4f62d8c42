namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>
/// Who may use Ingest's HTTP endpoints (section <c>HttpAccess</c>). Analysts read reports and the dashboard; admins
/// also manage devices and price tables and read dead letters. Tokens come from environment variables
/// (<c>HttpAccess__AdminTokens__0=…</c>) or a file outside the repository (<see cref="TokensFile"/>), never from
/// appsettings.json in git. With no token configured the endpoints are open, which is allowed only on loopback.
/// </summary>
public sealed class HttpAccessOptions
{
    public const string Section = "HttpAccess";

    public List<string> AdminTokens { get; set; } = [];

    public List<string> AnalystTokens { get; set; } = [];

    /// <summary>A file of lines <c>admin TOKEN</c> or <c>analyst TOKEN</c> (# starts a comment), e.g. /etc/pontive-ingest/tokens.</summary>
    public string? TokensFile { get; set; }
}
