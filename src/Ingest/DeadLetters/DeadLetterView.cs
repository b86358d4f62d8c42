using System.Text;
using System.Text.Unicode;

namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>
/// A dead letter as people read it: the payload as text when it is UTF-8, else as base64; when it was replayed, when
/// last, how that ended (<c>stored</c> or <c>refused</c>) and how many times.
/// </summary>
public sealed record DeadLetterView(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? ClientId,
    string Code,
    string Reason,
    int PayloadBytes,
    string Payload,
    string PayloadEncoding,
    DateTimeOffset? ReplayedAt = null,
    string? ReplayOutcome = null,
    int Replays = 0)
{
    public static DeadLetterView From(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var isText = Utf8.IsValid(letter.Payload);
        return new DeadLetterView(
            letter.Id,
            letter.ReceivedAt,
            letter.Topic,
            letter.ClientId,
            letter.Code,
            letter.Reason,
            letter.PayloadBytes,
            isText ? Encoding.UTF8.GetString(letter.Payload) : Convert.ToBase64String(letter.Payload),
            isText ? "utf-8" : "base64",
            letter.LastReplay?.At,
            letter.LastReplay?.Outcome.WireName(),
            letter.LastReplay?.Count ?? 0);
    }
}
