using System.Diagnostics.CodeAnalysis;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>The outcome of decoding a payload: a valid message, or the reason it was refused.</summary>
public readonly record struct Decoded<T>(T? Message, Rejection? Rejection)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsValid => Message is not null;

    internal static Decoded<T> Valid(T message) => new(message, null);

    internal static Decoded<T> Refused(Rejection rejection) => new(null, rejection);
}
