namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>How the SDS011 sends its data (kept in its flash across power cycles).</summary>
internal enum Sds011ReportingMode
{
    /// <summary>A data frame every second on its own: the factory setting.</summary>
    Active = 0,

    /// <summary>A data frame only when asked (query data command).</summary>
    Query = 1,
}
