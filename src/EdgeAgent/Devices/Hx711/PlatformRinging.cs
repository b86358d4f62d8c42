namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>
/// How a platform scale's reading moves when a load lands or leaves: it swings past the new weight and rings down
/// (a damped oscillation), which is why a scale waits for stable readings before it records one.
/// </summary>
internal static class PlatformRinging
{
    /// <summary>The ringing decays by this factor within the settling time (to 0.1 % of the step).</summary>
    private const double SettledFraction = 1e-3;

    /// <summary>
    /// The mass the cell feels <paramref name="elapsed"/> after the load changed from <paramref name="fromKg"/> to
    /// <paramref name="toKg"/>: continuous at the step (it starts from the old load) and within 0.1 % of the step
    /// after <paramref name="settlingTime"/>.
    /// </summary>
    public static double MassAfterStep(double fromKg, double toKg, TimeSpan elapsed, TimeSpan settlingTime, double ringingHz)
    {
        if (elapsed < TimeSpan.Zero)
        {
            return fromKg;
        }

        if (settlingTime <= TimeSpan.Zero)
        {
            return toKg;
        }

        var seconds = elapsed.TotalSeconds;
        var decayTime = settlingTime.TotalSeconds / -Math.Log(SettledFraction);
        var envelope = Math.Exp(-seconds / decayTime);
        return toKg - ((toKg - fromKg) * envelope * Math.Cos(2 * Math.PI * ringingHz * seconds));
    }
}
