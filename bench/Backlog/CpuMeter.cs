using System.Globalization;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// How busy the machine was during a measurement, split into this program (the clients and Ingest), the servers
/// under test, and everything else. "Everything else" is what disturbs a figure: other people's builds and tests.
/// Reads Linux's /proc; elsewhere it measures nothing.
/// </summary>
internal sealed class CpuMeter
{
    private readonly IReadOnlyList<int> _serverPids;
    private readonly CpuTicks _start;
    private readonly DateTime _startedAt = DateTime.UtcNow;

    private CpuMeter(IReadOnlyList<int> serverPids)
    {
        _serverPids = serverPids;
        _start = CpuTicks.Read(serverPids);
    }

    public static CpuMeter Start(IReadOnlyList<int> serverPids) => new(serverPids);

    public CpuUse Stop()
    {
        var end = CpuTicks.Read(_serverPids);
        var seconds = (DateTime.UtcNow - _startedAt).TotalSeconds;
        if (_start.Machine is null || end.Machine is null || seconds <= 0)
        {
            return CpuUse.Unknown;
        }

        // /proc/stat and /proc/<pid>/stat count in the same clock ticks, so ratios need no tick length.
        var total = (double)(end.MachineTotal - _start.MachineTotal);
        if (total <= 0)
        {
            return CpuUse.Unknown;
        }

        var cores = Environment.ProcessorCount;
        double Cores(long ticks) => ticks / total * cores;
        var machine = Cores(end.Machine.Value - _start.Machine.Value);
        var interrupts = Cores(end.Interrupts - _start.Interrupts);
        var bench = Cores(end.Own - _start.Own);
        var servers = Cores(end.Servers - _start.Servers);

        // Interrupt time is charged to no process; most of it is the run's own loopback traffic, so it is not "others".
        return new CpuUse(cores, machine, bench, servers, Math.Max(0, machine - interrupts - bench - servers));
    }

    private sealed record CpuTicks(long? Machine, long MachineTotal, long Interrupts, long Own, long Servers)
    {
        public static CpuTicks Read(IReadOnlyList<int> serverPids)
        {
            var (busy, total, interrupts) = ReadMachine();
            return new CpuTicks(busy, total, interrupts, ReadProcess("self"), serverPids.Sum(pid => ReadProcess(pid.ToString(CultureInfo.InvariantCulture))));
        }

        /// <summary>The "cpu" line: user nice system idle iowait irq softirq steal …; idle and iowait are not busy.</summary>
        private static (long? Busy, long Total, long Interrupts) ReadMachine()
        {
            try
            {
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                var total = ticks.Sum();
                return (total - ticks[3] - ticks[4], total, ticks[5] + ticks[6]);
            }
            catch (IOException)
            {
                return (null, 0, 0);
            }
            catch (UnauthorizedAccessException)
            {
                return (null, 0, 0);
            }
        }

        /// <summary>utime + stime of a process (fields 14 and 15), counted after the ")" that ends its name.</summary>
        private static long ReadProcess(string pid)
        {
            try
            {
                var text = File.ReadAllText($"/proc/{pid}/stat");
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // A server that is gone used nothing more.
                return 0;
            }
            catch (UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }
}

/// <summary>Average busy cores over a measurement.</summary>
internal sealed record CpuUse(int Cores, double Machine, double Bench, double Servers, double Others)
{
    public static CpuUse Unknown { get; } = new(Environment.ProcessorCount, double.NaN, double.NaN, double.NaN, double.NaN);

    public override string ToString() => double.IsNaN(Machine)
        ? "not measured (no /proc)"
        : string.Create(CultureInfo.InvariantCulture,
            $"{Machine:0.00} of {Cores}: bench {Bench:0.00}, servers {Servers:0.00}, others {Others:0.00}");
}
