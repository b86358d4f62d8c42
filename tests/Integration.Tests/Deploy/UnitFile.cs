namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>
/// A systemd unit file read the way systemd reads it, enough for the deploy tests: sections, repeated keys (an empty
/// assignment resets a list), comments, line continuations, and ExecStart= split into words.
/// </summary>
internal sealed class UnitFile
{
    private readonly List<(string Section, string Key, string Value)> _entries;

    private UnitFile(string path, List<(string Section, string Key, string Value)> entries)
    {
        FilePath = path;
        _entries = entries;
    }

    public string FilePath { get; }

    public static UnitFile Load(string path)
    {
        var entries = new List<(string Section, string Key, string Value)>();
        var section = string.Empty;
        var pending = string.Empty;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = pending + raw.Trim();
            pending = string.Empty;
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending = line[..^1] + " ";
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"{path}: '{line}' is neither a section nor Key=Value.");
            }

            entries.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return new UnitFile(path, entries);
    }

    /// <summary>Every assignment of a key since the last empty one, in order.</summary>
    public IReadOnlyList<string> Values(string section, string key)
    {
        var values = new List<string>();
        foreach (var entry in _entries.Where(e => e.Section == section && e.Key == key))
        {
            if (entry.Value.Length == 0)
            {
                values.Clear();
            }
            else
            {
                values.Add(entry.Value);
            }
        }

        return values;
    }

    /// <summary>The value in force (the last assignment), or null when the key is not set.</summary>
    public string? Value(string section, string key) => Values(section, key) is { Count: > 0 } values ? values[^1] : null;

    public string Service(string key) => Value("Service", key) ?? throw new InvalidOperationException($"{FilePath}: no {key}= in [Service].");

    /// <summary>A list setting (SupplementaryGroups=, ReadWritePaths=, …): every word of every assignment.</summary>
    public IReadOnlyList<string> Words(string section, string key) =>
        Values(section, key).SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public bool IsYes(string section, string key) => Value(section, key) is "yes" or "true" or "on" or "1";

    /// <summary>ExecStart= as words: the program, then its arguments (double quotes group words).</summary>
    public IReadOnlyList<string> ExecStart()
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in Service("ExecStart"))
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Environment= as configuration keys, the way .NET reads environment variables (<c>A__B</c> is <c>A:B</c>).</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentAsConfiguration()
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in Words("Service", "Environment"))
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            settings[assignment[..equals].Replace("__", ":", StringComparison.Ordinal)] = assignment[(equals + 1)..];
        }

        return settings;
    }

    /// <summary>
    /// Where the service may write under ProtectSystem=strict: its StateDirectory=, CacheDirectory=, LogsDirectory=,
    /// RuntimeDirectory=, ReadWritePaths=, and /tmp and /var/tmp with PrivateTmp=.
    /// </summary>
    public IReadOnlyList<string> WritableRoots()
    {
        var roots = new List<string>();
        roots.AddRange(Words("Service", "StateDirectory").Select(d => "/var/lib/" + d));
        roots.AddRange(Words("Service", "CacheDirectory").Select(d => "/var/cache/" + d));
        roots.AddRange(Words("Service", "LogsDirectory").Select(d => "/var/log/" + d));
        roots.AddRange(Words("Service", "RuntimeDirectory").Select(d => "/run/" + d));
        roots.AddRange(Words("Service", "ReadWritePaths").Select(p => p.TrimStart('-', '+')));
        if (IsYes("Service", "PrivateTmp"))
        {
            roots.Add("/tmp");
            roots.Add("/var/tmp");
        }

        return roots;
    }

    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
