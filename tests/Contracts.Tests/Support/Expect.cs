using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests.Support;

/// <summary>Assertions on a decoding outcome that show the rejection when a test fails.</summary>
public static class Expect
{
    public static T Valid<T>(Decoded<T> decoded)
        where T : class
    {
        Assert.True(decoded.IsValid, $"expected a valid message, got {decoded.Rejection}");
        return decoded.Message;
    }

    /// <summary>Refused with <paramref name="code"/>, and the reason names <paramref name="reasonNames"/> (a field path, usually).</summary>
    public static Rejection Rejected<T>(Decoded<T> decoded, RejectionCode code, string reasonNames)
        where T : class
    {
        Assert.False(decoded.IsValid, $"expected a rejection ({code}, naming {reasonNames}), got a valid message");
        Assert.Equal(code, decoded.Rejection.Code);
        Assert.Contains(reasonNames, decoded.Rejection.Reason, StringComparison.Ordinal);
        return decoded.Rejection;
    }
}
