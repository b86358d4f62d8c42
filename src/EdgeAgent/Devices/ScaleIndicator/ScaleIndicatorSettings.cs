using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>Settings of a <c>scale-indicator</c> entry beside the common ones.</summary>
internal sealed class ScaleIndicatorSettings
{
    /// <summary>The frame format the indicator is set to send (see <see cref="ScaleIndicatorFormat.All"/>).</summary>
    public string Format { get; set; } = StGsFormat.FormatName;

    /// <summary>The unit of the weights, for formats whose frames do not name it: kg (default), g or t.</summary>
    public string? Unit { get; set; }

    /// <summary>Who keeps the tare: the agent (works with every indicator) or the indicator itself, by its tare command.</summary>
    public IndicatorTareMode Tare { get; set; } = IndicatorTareMode.Software;

    /// <summary>The indicator's legal verification (tera by the metrology office), named in every deposit.</summary>
    public IndicatorCalibration Calibration { get; set; } = new();

    /// <summary>When a weight counts as settled, on top of the indicator's own stable flag.</summary>
    public StabilityOptions Stability { get; set; } = new();
}

/// <summary>Who keeps the tare of an indicator scale.</summary>
internal enum IndicatorTareMode
{
    /// <summary>The agent remembers the tare and takes it off the gross weight the indicator sends.</summary>
    Software,

    /// <summary>The agent sends the format's tare command; the indicator then sends net weights.</summary>
    Indicator,
}

/// <summary>The indicator is calibrated in itself; what the agent records is which verification vouches for it.</summary>
internal sealed class IndicatorCalibration
{
    /// <summary>The id or date of the legal verification (tera) on the indicator's seal or certificate, e.g. <c>2026-03-14</c>.</summary>
    public string? Id { get; set; }
}
