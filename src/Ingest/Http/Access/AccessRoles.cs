namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>The two roles of Ingest's HTTP side, and the policies that name them.</summary>
public static class AccessRoles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";

    /// <summary>Reports and the dashboard: analysts and admins.</summary>
    public const string ReadReports = "read-reports";

    /// <summary>Devices, price tables, dead letters: admins only.</summary>
    public const string Administer = "administer";
}
