using System.Text;
using InfluxDB.Client.Writes;

namespace Pontive.Iot.Ingest.Storage;

/// <summary>Points to one line-protocol body, one point per line.</summary>
public static class LineProtocol
{
    public static string Join(IReadOnlyList<PointData> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var body = new StringBuilder(points.Count * 128);
        foreach (var point in points)
        {
            if (body.Length > 0)
            {
                body.Append('\n');
            }

            body.Append(point.ToLineProtocol());
        }

        return body.ToString();
    }
}
