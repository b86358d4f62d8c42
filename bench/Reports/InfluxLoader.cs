using System.Diagnostics;
using System.Net;
using System.Text;

namespace Pontive.Iot.Bench.Reports;

/// <summary>Line protocol into InfluxDB 1.x's /write, two requests at a time, as fast as it takes them.</summary>
internal sealed class InfluxLoader(HttpClient http, string database)
{
    public async Task<TimeSpan> LoadAsync(IEnumerable<string> chunks, Action<long> progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var uri = new Uri($"write?db={Uri.EscapeDataString(database)}&precision=ms", UriKind.Relative);
        long written = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            using var content = new StringContent(chunk, Encoding.UTF8, "text/plain");
            using var response = await http.PostAsync(uri, content, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                throw new InvalidOperationException($"InfluxDB refused a write ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }

            progress(Interlocked.Add(ref written, chunk.Count(c => c == '\n')));
        }).ConfigureAwait(false);
        return watch.Elapsed;
    }
}
