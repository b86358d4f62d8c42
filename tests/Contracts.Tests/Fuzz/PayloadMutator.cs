using System.Text;

namespace Pontive.Iot.Contracts.Tests.Fuzz;

/// <summary>
/// Makes hostile payloads from a seed, the same ones run after run: random bytes, truncations, byte flips and
/// insertions into valid messages, deep nesting, huge and odd numbers, invalid UTF-8, long strings, big arrays.
/// </summary>
internal sealed class PayloadMutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "-", "0", "1e999", "-1e999", "1e-999",
        "NaN", "Infinity", "9223372036854775808", "-9223372036854775809", "0.0000000000000000000001", "\"\\u0000\"",
        "\"\\ud800\"", "\"v\"", "\"seq\"", "\"samples\"", "\"t\"", "\"values\"", "\"id\"", "\"mass_kg\"", "\"ids\"",
    ];

    private readonly Random _random = new(seed);

    public byte[] Next(IReadOnlyList<string> validExamples)
    {
        var example = Encoding.UTF8.GetBytes(validExamples[_random.Next(validExamples.Count)]);
        return _random.Next(10) switch
        {
            0 => RandomBytes(_random.Next(0, 300)),
            1 => example[.._random.Next(0, example.Length)],
            2 => FlipBytes(example, _random.Next(1, 8)),
            3 => InsertToken(example, _random.Next(1, 5)),
            4 => DeepNesting(_random.Next(10, 5000)),
            5 => ReplaceNumber(example),
            6 => InvalidUtf8(example),
            7 => LongString(example),
            8 => BigArray(),
            _ => DeleteRange(example),
        };
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] FlipBytes(byte[] example, int count)
    {
        var bytes = (byte[])example.Clone();
        for (var i = 0; i < count && bytes.Length > 0; i++)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }

        return bytes;
    }

    private byte[] InsertToken(byte[] example, int count)
    {
        var text = Encoding.UTF8.GetString(example);
        for (var i = 0; i < count; i++)
        {
            text = text.Insert(_random.Next(text.Length + 1), Tokens[_random.Next(Tokens.Length)]);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private byte[] DeepNesting(int depth)
    {
        var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var inner = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return Encoding.UTF8.GetBytes($"{{\"v\":1,\"x\":{inner}}}");
    }

    private byte[] ReplaceNumber(byte[] example)
    {
        var text = Encoding.UTF8.GetString(example);
        var digits = Enumerable.Range(0, text.Length).Where(i => char.IsDigit(text[i])).ToList();
        if (digits.Count == 0)
        {
            return example;
        }

        var at = digits[_random.Next(digits.Count)];
        var end = at;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or 'e' or 'E' or '-' or '+'))
        {
            end++;
        }

        string[] numbers = ["1e308", "1e309", "-1e309", "123456789012345678901234567890", "0.1e-400", "-0", "1.7976931348623157E+308", "4.9e-324", "79228162514264337593543950336"];
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, at), numbers[_random.Next(numbers.Length)], text.AsSpan(end)));
    }

    private byte[] InvalidUtf8(byte[] example)
    {
        byte[][] bad = [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        var insert = bad[_random.Next(bad.Length)];
        var at = _random.Next(example.Length + 1);
        return [.. example[..at], .. insert, .. example[at..]];
    }

    private byte[] LongString(byte[] example)
    {
        var text = Encoding.UTF8.GetString(example);
        var quote = text.IndexOf("\":\"", StringComparison.Ordinal);
        return quote < 0
            ? example
            : Encoding.UTF8.GetBytes(text.Insert(quote + 3, new string('x', _random.Next(100, 70_000))));
    }

    private byte[] BigArray()
    {
        var count = _random.Next(1000, 20_000);
        var sample = """{"t":"2026-11-28T03:15:00.000Z","sensor":"a","kind":"light","values":{"illuminance_lux":1}}""";
        return Encoding.UTF8.GetBytes($"{{\"v\":1,\"seq\":1,\"samples\":[{string.Join(',', Enumerable.Repeat(sample, count))}]}}");
    }

    private byte[] DeleteRange(byte[] example)
    {
        if (example.Length < 2)
        {
            return example;
        }

        var from = _random.Next(example.Length - 1);
        var to = _random.Next(from + 1, example.Length);
        return [.. example[..from], .. example[to..]];
    }
}
