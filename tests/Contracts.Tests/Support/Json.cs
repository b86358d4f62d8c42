using System.Text;
using System.Text.Json.Nodes;

namespace Pontive.Iot.Contracts.Tests.Support;

/// <summary>
/// Changes one field of an example payload. Paths are written like the reasons of a rejection, without the "$.":
/// <c>samples[0].values.temperature_c</c>. Values are raw JSON text, so a test can put in a string, null, an array.
/// </summary>
public static class Json
{
    public static string Set(string json, string path, string rawValue)
    {
        var root = Parse(json);
        var (parent, last) = Walk(root, path);
        var value = JsonNode.Parse(rawValue);
        if (last.Index is { } index)
        {
            ((JsonArray)parent[last.Name]!)[index] = value;
        }
        else
        {
            parent[last.Name] = value;
        }

        return root.ToJsonString();
    }

    public static string Remove(string json, string path)
    {
        var root = Parse(json);
        var (parent, last) = Walk(root, path);
        Assert.True(last.Index is null, "remove a field, not an array element");
        Assert.True(parent.Remove(last.Name), $"the example has no field {path}");
        return root.ToJsonString();
    }

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static (JsonObject Parent, Segment Last) Walk(JsonObject root, string path)
    {
        var segments = path.Split('.').Select(Segment.Parse).ToArray();
        JsonObject current = root;
        foreach (var segment in segments[..^1])
        {
            var node = current[segment.Name]!;
            current = (segment.Index is { } index ? node.AsArray()[index]! : node).AsObject();
        }

        return (current, segments[^1]);
    }

    private readonly record struct Segment(string Name, int? Index)
    {
        public static Segment Parse(string text)
        {
            var bracket = text.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0
                ? new Segment(text, null)
                : new Segment(text[..bracket], int.Parse(text[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
