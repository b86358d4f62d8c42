using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// The server configs in scripts/servers/*.template, the same files scripts/lib/servers.sh renders:
/// one source of truth for how a test server is set up, whoever starts it.
/// </summary>
public static partial class ServerTemplate
{
    private const string TemplatesFolderVariable = "PONTIVE_TEST_SERVER_TEMPLATES";

    /// <summary>Writes <paramref name="templateName"/> to <paramref name="outputPath"/> with each @KEY@ replaced.</summary>
    /// <exception cref="InvalidOperationException">A placeholder in the template has no value.</exception>
    public static void Render(string templateName, string outputPath, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var templatePath = Path.Combine(FindTemplatesFolder(), templateName);
        var text = File.ReadAllText(templatePath);
        foreach (var (key, value) in values)
        {
            text = text.Replace($"@{key}@", value, StringComparison.Ordinal);
        }

        // A template and its callers must not drift apart silently (the bash renderer refuses too).
        var unreplaced = Placeholder().Match(text);
        if (unreplaced.Success)
        {
            throw new InvalidOperationException($"{templatePath}: no value given for {unreplaced.Value}.");
        }

        File.WriteAllText(outputPath, text);
    }

    // Tests may run from a build folder outside the tree (--artifacts-path), so the build output is
    // not a reliable place to start from: test.sh says where the templates are, and otherwise this
    // source file's own path at compile time leads to the repository.
    private static string FindTemplatesFolder()
    {
        var fromScript = Environment.GetEnvironmentVariable(TemplatesFolderVariable);
        if (!string.IsNullOrEmpty(fromScript))
        {
            return fromScript;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, ThisSourceFolder(), Environment.CurrentDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "scripts", "servers");
                if (File.Exists(Path.Combine(candidate, "influxdb.conf.template")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            $"scripts/servers/ not found above {AppContext.BaseDirectory}; set {TemplatesFolderVariable}.");
    }

    private static string ThisSourceFolder([CallerFilePath] string sourcePath = "") =>
        Path.GetDirectoryName(sourcePath) ?? "/";

    [GeneratedRegex("@[A-Z_]+@")]
    private static partial Regex Placeholder();
}
