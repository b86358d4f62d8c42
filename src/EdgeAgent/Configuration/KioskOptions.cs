using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>The waste bank's kiosk (section <c>Kiosk</c>): the operators' page served by the agent on the bank's LAN.</summary>
public sealed class KioskOptions
{
    public const string Section = "Kiosk";

    /// <summary>On for a waste bank's device with a scale; a park's device has no kiosk.</summary>
    public bool Enabled { get; set; }

    /// <summary>The kiosk warns that prices may be out of date when the price table took effect longer ago than this.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan PriceTableMaxAge { get; set; } = TimeSpan.FromDays(35);

    /// <summary>How often the scale is read for the live weight (the screen follows the scale within a quarter second).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01")]
    public TimeSpan ScaleReadInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Wrong PINs in a row before an operator's sign-in is locked for <see cref="PinLockout"/>.</summary>
    [Range(3, 20)]
    public int PinAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan PinLockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A signed-in operator is signed out when nobody used the kiosk for this long: no key press, tap, deposit or
    /// void. The page's own polls (the weight, the state) do not count, so a kiosk left alone does not stay signed in.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A signed-in operator stays signed in at most this long after the page last reached the agent.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(12);
}
