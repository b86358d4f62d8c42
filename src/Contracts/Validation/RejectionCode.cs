namespace Pontive.Iot.Contracts.Validation;

/// <summary>Why a message was refused, as a stable code for counters and dashboards; the reason text says the detail.</summary>
public enum RejectionCode
{
    InvalidTopic,
    TooLarge,
    InvalidUtf8,
    InvalidJson,
    UnsupportedVersion,
    MissingField,
    WrongType,
    InvalidValue,
    OutOfRange,
    ValueMismatch,

    /// <summary>The message was valid by the contract but the database refused its points for good (for example a field type conflict).</summary>
    StorageRefused,

    /// <summary>The device sent more messages a second than the ingestor takes from one device; the excess is kept, not stored.</summary>
    RateLimited,

    /// <summary>The topic names another device than the one the broker authenticated: a device may only speak for itself.</summary>
    Spoofing,
}

public static class RejectionCodes
{
    /// <summary>The snake_case name used in metrics, logs, the dead-letter store and HTTP answers.</summary>
    public static string WireName(this RejectionCode code) => code switch
    {
        RejectionCode.InvalidTopic => "invalid_topic",
        RejectionCode.TooLarge => "too_large",
        RejectionCode.InvalidUtf8 => "invalid_utf8",
        RejectionCode.InvalidJson => "invalid_json",
        RejectionCode.UnsupportedVersion => "unsupported_version",
        RejectionCode.MissingField => "missing_field",
        RejectionCode.WrongType => "wrong_type",
        RejectionCode.InvalidValue => "invalid_value",
        RejectionCode.OutOfRange => "out_of_range",
        RejectionCode.ValueMismatch => "value_mismatch",
        RejectionCode.StorageRefused => "storage_refused",
        RejectionCode.RateLimited => "rate_limited",
        RejectionCode.Spoofing => "spoofing",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
