namespace Pontive.Iot.Contracts.Payloads;

/// <summary>The inclusive range a valid reading of one value may hold.</summary>
public readonly record struct ValueRange(double Min, double Max)
{
    public bool Contains(double value) => value >= Min && value <= Max;

    public override string ToString() => FormattableString.Invariant($"{Min}..{Max}");
}
