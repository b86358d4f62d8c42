namespace Pontive.Iot.Ingest.Storage;

/// <summary>Names of the InfluxDB schema of wire contract v1. Ids, members and operators are fields, never tags.</summary>
public static class Schema
{
    public const string DepositMeasurement = "deposit";
    public const string StatusMeasurement = "device_status";
    public const string DepositVoidMeasurement = "deposit_void";

    public const string SiteTag = "site";
    public const string DeviceTag = "device";
    public const string SensorTag = "sensor";
    public const string CategoryTag = "category";

    public const string ClockUnsyncedField = "clock_unsynced";
}
