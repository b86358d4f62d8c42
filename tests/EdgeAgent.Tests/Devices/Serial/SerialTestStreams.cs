namespace Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

/// <summary>Helpers to read what an emulated port holds without waiting for more.</summary>
internal static class SerialTestStreams
{
    /// <summary>Every byte the port holds now; never waits for more.</summary>
    public static byte[] Drain(Stream port)
    {
        var received = new List<byte>();
        var buffer = new byte[512];
        while (true)
        {
            using var stop = new CancellationTokenSource();
            var read = port.ReadAsync(buffer, stop.Token).AsTask();
            if (!read.IsCompleted)
            {
                stop.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => read.GetAwaiter().GetResult());
                return [.. received];
            }

            received.AddRange(buffer.AsSpan(0, read.Result).ToArray());
        }
    }

    public static string Text(byte[] bytes) => System.Text.Encoding.Latin1.GetString(bytes);
}
