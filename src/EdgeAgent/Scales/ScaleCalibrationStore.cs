using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// Keeps scale calibrations in <c>scale-calibrations.json</c> in the agent's data folder: read when a scale starts,
/// written when a technician calibrates. Old calibrations stay in the file, because deposits weighed under them
/// name them and an auditor may want to recompute those weights from their raw counts.
/// </summary>
internal sealed class ScaleCalibrationStore
{
    public const string FileName = "scale-calibrations.json";

    private readonly Lock _gate = new();

    public ScaleCalibrationStore(IOptions<AgentOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.DataDirectory)
    {
    }

    public ScaleCalibrationStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        FilePath = Path.Combine(dataDirectory, FileName);
    }

    public string FilePath { get; }

    /// <summary>The calibration in force for <paramref name="scaleId"/>: its latest, or null if it was never calibrated.</summary>
    public ScaleCalibration? Current(string scaleId)
    {
        var history = History(scaleId);
        return history.Count > 0 ? history[^1] : null;
    }

    /// <summary>Every calibration of <paramref name="scaleId"/>, oldest first.</summary>
    public IReadOnlyList<ScaleCalibration> History(string scaleId)
    {
        lock (_gate)
        {
            return Load().Scales.TryGetValue(scaleId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>
    /// Stores a new calibration of <paramref name="scaleId"/> made at <paramref name="calibratedAt"/>, with the local
    /// date as its id (and -2, -3… for more the same day), and returns it as stored.
    /// </summary>
    public ScaleCalibration Save(string scaleId, DateTimeOffset calibratedAt, long zeroRaw, double countsPerKg, long? spanRaw = null, decimal? knownMassKg = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scaleId);
        lock (_gate)
        {
            var file = Load();
            if (!file.Scales.TryGetValue(scaleId, out var list))
            {
                list = [];
                file.Scales[scaleId] = list;
            }

            var calibration = new ScaleCalibration
            {
                Id = NextId(list, calibratedAt),
                CalibratedAt = calibratedAt,
                ZeroRaw = zeroRaw,
                CountsPerKg = countsPerKg,
                SpanRaw = spanRaw,
                KnownMassKg = knownMassKg,
            };
            list.Add(calibration);
            Write(file);
            return calibration;
        }
    }

    private static string NextId(List<ScaleCalibration> earlier, DateTimeOffset calibratedAt)
    {
        var date = calibratedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = date;
        for (var n = 2; earlier.Any(c => c.Id == id); n++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{date}-{n}");
        }

        return id;
    }

    private ScaleCalibrationFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new ScaleCalibrationFile();
        }

        try
        {
            using var stream = File.OpenRead(FilePath);
            return JsonSerializer.Deserialize(stream, ScaleCalibrationJsonContext.Default.ScaleCalibrationFile) ?? new ScaleCalibrationFile();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The scale calibration file {FilePath} is not valid JSON ({ex.Message}); restore it from a backup or calibrate again.", ex);
        }
    }

    /// <summary>Writes a temporary file and moves it over the old one, so a power cut never leaves half a file.</summary>
    private void Write(ScaleCalibrationFile file)
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = FilePath + ".tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(stream, file, ScaleCalibrationJsonContext.Default.ScaleCalibrationFile);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}
