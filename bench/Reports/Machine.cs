using System.Runtime.InteropServices;

namespace Pontive.Iot.Bench.Reports;

/// <summary>What the figures were measured on: cores, processor, system, and how busy the machine was.</summary>
internal sealed record Machine(int Cores, string Processor, string System, string LoadAverage)
{
    public static Machine Read() => new(Environment.ProcessorCount, ReadProcessor(), $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}", ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: above the core count, other work was queueing for the CPU.</summary>
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
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
