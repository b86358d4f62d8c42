using System.Globalization;
using System.Runtime.InteropServices;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>What a figure was measured on, so two figures from different machines are not compared as equals.</summary>
internal sealed record MachineDescription(int Cores, string Processor, string System, string LoadAverage)
{
    public static MachineDescription Read() => new(
        Environment.ProcessorCount,
        ReadProcessor(),
        $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}",
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: above the core count means other work was queueing for CPU.</summary>
    public static string ReadLoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string ReadProcessor()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString().ToLower(CultureInfo.InvariantCulture);
        }
    }
}
