using Microsoft.AspNetCore.Builder;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// Marks an endpoint that only an operator's own action calls (a tap on Nol/Tara, Catat, Batalkan, or the page's "I'm
/// here" after a key press or tap): such a request keeps the session from ending as idle (<see cref="IdleSession"/>).
/// The page's polls (weight, state, the day, a receipt's state) are not marked: they come whether or not anyone is
/// at the kiosk.
/// </summary>
internal sealed class OperatorActivity
{
    public static readonly OperatorActivity Marker = new();

    private OperatorActivity()
    {
    }
}

internal static class OperatorActivityConventions
{
    public static TBuilder CountsAsOperatorActivity<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(OperatorActivity.Marker);
}
