using System.Globalization;
using System.Text;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>
/// Text a stranger chose (a username, a client id, a topic, an operator name typed at the kiosk), made fit for one
/// log line: control characters escaped, so nobody can write a line break and forge the next log line, and cut at a
/// length a reader can take in, so a 64 KiB client id does not flood the journal.
/// </summary>
public static class LogSafeText
{
    /// <summary>Enough for any name or topic of ours; a longer one is someone else's.</summary>
    public const int MaxLength = 120;

    public static string Of(string? text, int maxLength = MaxLength)
    {
        if (text is null)
        {
            return "(none)";
        }

        var length = Math.Min(text.Length, maxLength);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never cut a character in two
        }

        var safe = new StringBuilder(length + 16);
        foreach (var c in text.AsSpan(0, length))
        {
            // Control characters and the Unicode line and paragraph separators: anything a log viewer may break a line on.
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                safe.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                safe.Append(c);
            }
        }

        if (length < text.Length)
        {
            safe.Append(CultureInfo.InvariantCulture, $"… ({text.Length - length} more characters)");
        }

        return safe.ToString();
    }
}
