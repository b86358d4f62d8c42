namespace Pontive.Iot.Contracts.Validation;

/// <summary>A refused message's code and a sentence a technician can act on.</summary>
public sealed record Rejection(RejectionCode Code, string Reason)
{
    public static Rejection Of(RejectionCode code, string reason) => new(code, reason);

    public override string ToString() => $"{Code.WireName()}: {Reason}";
}
