using Pontive.Iot.Ingest.Broker;

namespace Pontive.Iot.Ingest.Tests.Broker;

/// <summary>The broker's reads follow MQTT's framing and stop at the first packet announcing more than the limit.</summary>
public sealed class PacketSizeGuardStreamTests
{
    private const int Limit = 1024;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void Packets_within_the_limit_pass_whole_however_the_reads_cut_them(int readSize)
    {
        // A PINGREQ (no body), a 1,024-byte packet (length in two bytes: 0x80 0x08), a PUBLISH of 5 bytes.
        var bytes = Packet(0xC0, 0).Concat(Packet(0x30, Limit)).Concat(Packet(0x32, 5)).ToArray();

        Assert.Equal(bytes, ReadAll(bytes, readSize));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public void A_packet_over_the_limit_is_refused_in_the_read_that_brings_its_length(int readSize)
    {
        var bytes = Packet(0x30, 10).Concat(Packet(0x30, Limit + 1)).ToArray();

        var refused = Assert.Throws<IOException>(() => ReadAll(bytes, readSize));
        Assert.Contains("1025 bytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_of_more_than_four_bytes_is_refused_as_malformed()
    {
        byte[] bytes = [0x10, 0x80, 0x80, 0x80, 0x80, 0x01];

        Assert.Throws<IOException>(() => ReadAll(bytes, 64));
    }

    [Fact]
    public async Task Asynchronous_reads_are_guarded_too()
    {
        using var guard = new PacketSizeGuardStream(new MemoryStream([0x10, 0xFF, 0xFF, 0xFF, 0x7F]), Limit);

        await Assert.ThrowsAsync<IOException>(async () => _ = await guard.ReadAsync(new byte[16]));
    }

    private static byte[] ReadAll(byte[] bytes, int readSize)
    {
        using var guard = new PacketSizeGuardStream(new MemoryStream(bytes), Limit);
        var read = new List<byte>();
        var buffer = new byte[readSize];
        int n;
        while ((n = guard.Read(buffer, 0, buffer.Length)) > 0)
        {
            read.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        return [.. read];
    }

    /// <summary>A packet of the given type byte with a body of <paramref name="bodyLength"/> bytes, its length encoded as MQTT does.</summary>
    private static byte[] Packet(byte type, int bodyLength)
    {
        var packet = new List<byte> { type };
        var length = bodyLength;
        do
        {
            var next = (byte)(length % 128);
            length /= 128;
            packet.Add(length > 0 ? (byte)(next | 0x80) : next);
        }
        while (length > 0);

        packet.AddRange(Enumerable.Repeat((byte)0xAB, bodyLength));
        return [.. packet];
    }
}
