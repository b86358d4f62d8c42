using System.Buffers.Binary;

namespace Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

/// <summary>
/// The factory NVM of the emulated chip, as 32-bit words by item number (ST API, VL53L0X_get_info_from_device):
/// what the host reads through the page-7 strobe at start-up.
/// </summary>
internal static class Vl53l0xNvm
{
    public const byte ModuleIdItem = 0x02;
    public const byte ReferenceSpadItem = 0x6B;
    public const byte ProductIdFirstItem = 0x77;
    public const byte PartUidUpperItem = 0x7B;
    public const byte PartUidLowerItem = 0x7C;

    /// <summary>Module id of the emulated part.</summary>
    public const byte ModuleId = 0x01;

    /// <summary>Five reference SPADs of the aperture type (count in bits 6..0, type in bit 7 of the byte at 0x92).</summary>
    public const int ReferenceSpadCount = 5;
    public const bool ReferenceSpadsAreAperture = true;

    /// <summary>The product id ST's parts carry, 7-bit characters packed across four words; the unused tail is zero.</summary>
    public const string ProductId = "VL53L0CBV0DH/1$1";

    // A made-up unique id: the host only shows its first bytes as a "revision".
    private const uint PartUidUpper = 0x1B3A8C21;
    private const uint PartUidLower = 0x0D4F60A2;

    private static readonly Dictionary<byte, uint> Words = Build();

    /// <summary>The 4 bytes at 0x90..0x93 after the host fetched <paramref name="item"/>; an item not listed reads 0.</summary>
    public static byte[] Read(byte item)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Words.GetValueOrDefault(item));
        return bytes;
    }

    private static Dictionary<byte, uint> Build()
    {
        var words = new Dictionary<byte, uint>
        {
            [ModuleIdItem] = (uint)ModuleId << 24,
            [ReferenceSpadItem] = (uint)((ReferenceSpadsAreAperture ? 0x80 : 0x00) | ReferenceSpadCount) << 8,
            [PartUidUpperItem] = PartUidUpper,
            [PartUidLowerItem] = PartUidLower,
        };

        var packed = PackProductId(ProductId);
        for (var i = 0; i < packed.Length; i++)
        {
            words[(byte)(ProductIdFirstItem + i)] = packed[i];
        }

        // Signal rate and distance measured at 400 mm by the factory (items 0x73..0x76) stay 0: no offset stored.
        return words;
    }

    /// <summary>18 seven-bit characters as one bit stream, most significant bit first, across four 32-bit words.</summary>
    private static uint[] PackProductId(string text)
    {
        const int Characters = 18;
        var words = new uint[4];
        for (var c = 0; c < Characters; c++)
        {
            var code = c < text.Length ? text[c] & 0x7F : 0;
            for (var b = 0; b < 7; b++)
            {
                var bit = (code >> (6 - b)) & 1;
                var position = (c * 7) + b;
                words[position / 32] |= (uint)bit << (31 - (position % 32));
            }
        }

        return words;
    }
}
