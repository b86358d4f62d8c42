using System.Text.Json.Serialization;

namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>The calibration file: every calibration of every scale of this device, oldest first, by sensor id.</summary>
internal sealed class ScaleCalibrationFile
{
    public Dictionary<string, List<ScaleCalibration>> Scales { get; set; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScaleCalibrationFile))]
internal sealed partial class ScaleCalibrationJsonContext : JsonSerializerContext;
