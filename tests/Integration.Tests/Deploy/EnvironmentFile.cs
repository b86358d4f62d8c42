namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>A systemd EnvironmentFile= (KEY=VALUE lines, '#' comments), read as systemd reads the simple ones.</summary>
internal static class EnvironmentFile
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path) =>
        File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] is not ('#' or ';'))
            .Select(line =>
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException($"{path}: '{line}' is not KEY=VALUE.");
                }

                var value = line[(equals + 1)..];
                if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
                {
                    value = value[1..^1];
                }

                return KeyValuePair.Create(line[..equals], value);
            })
            .ToList();
}
