using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>
/// Checks every <c>Sensors</c> entry at start. A bad entry stops the agent with a message naming the entry
/// (<c>Sensors:1 (soil-1)</c>) and what is wrong with it, before anything is wired to a bus.
/// </summary>
internal sealed class SensorListValidator(IConfiguration configuration) : IValidateOptions<SensorListOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, SensorListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Unreadable();
        if (failures.Count > 0)
        {
            return ValidateOptionsResult.Fail(failures);
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Sensors.Count; i++)
        {
            var sensor = options.Sensors[i];
            var entry = EntryName(i.ToString(CultureInfo.InvariantCulture), sensor.Id);
            var section = configuration.GetSection($"{SensorListOptions.Section}:{i}");
            foreach (var problem in Check(sensor, section, seenIds))
            {
                failures.Add($"{entry}: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(SensorOptions sensor, IConfigurationSection section, HashSet<string> seenIds)
    {
        if (string.IsNullOrWhiteSpace(sensor.Id) || sensor.Id.Length > WireLimits.MaxTextLength || sensor.Id.Any(char.IsControl))
        {
            yield return $"Id is required: a short name like env-1 (at most {WireLimits.MaxTextLength} characters)";
        }
        else if (!seenIds.Add(sensor.Id))
        {
            yield return $"Id '{sensor.Id}' is used by another sensor; each sensor needs its own";
        }

        if (!SensorKinds.TryGet(sensor.Kind, out var kind))
        {
            yield return $"Kind '{sensor.Kind}' is not one of {SensorKinds.KnownNames}";
        }

        if (!SensorDrivers.TryGet(sensor.Driver, out var driver))
        {
            yield return $"Driver '{sensor.Driver}' is not known; known drivers: {SensorDrivers.KnownNames}";
            yield break;
        }

        if (kind is not null && kind != driver.Kind)
        {
            yield return $"Driver '{driver.Name}' reports kind '{driver.Kind.Name}', not '{sensor.Kind}'";
        }

        // Without an Address, an I2C driver uses its chip's default address.
        if (driver.Bus == BusKind.I2c && sensor.Address is not null)
        {
            if (!SensorOptions.TryParseAddress(sensor.Address, out var address))
            {
                yield return $"Address '{sensor.Address}' is not an I2C address; {driver.Name} sits at {Addresses(driver)}";
            }
            else if (!driver.I2cAddresses.Contains(address))
            {
                yield return $"Address '{sensor.Address}' is not one {driver.Name} can have; it sits at {Addresses(driver)}";
            }
        }

        if (driver.Bus == BusKind.I2c)
        {
            if (sensor.Bus < 0)
            {
                yield return $"Bus {sensor.Bus} is not an I2C bus number (1 on a Raspberry Pi's header)";
            }
        }

        foreach (var problem in driver.Validate(sensor, section))
        {
            yield return problem;
        }

        if (sensor.Interval < MinInterval || sensor.Interval > MaxInterval)
        {
            yield return $"Interval {sensor.Interval} must be between {MinInterval} and {MaxInterval} (written like 00:01:00)";
        }
    }

    /// <summary>
    /// Entries with a value that cannot be converted (an Interval of "soon"). The binder leaves such an entry out of the
    /// list without a word, so the sensor would silently never be read, and the entries after it would be checked
    /// against the wrong configuration section.
    /// </summary>
    private List<string> Unreadable()
    {
        var failures = new List<string>();
        foreach (var entry in configuration.GetSection(SensorListOptions.Section).GetChildren())
        {
            try
            {
                entry.Get<SensorOptions>();
            }
            catch (InvalidOperationException ex)
            {
                failures.Add($"{EntryName(entry.Key, entry[nameof(SensorOptions.Id)])}: {ex.Message}");
            }
        }

        return failures;
    }

    private static string EntryName(string index, string? id) =>
        string.IsNullOrWhiteSpace(id) ? $"Sensors:{index}" : $"Sensors:{index} ({id})";

    private static string Addresses(SensorDriver driver) =>
        string.Join(" or ", driver.I2cAddresses.Select(a => $"0x{a:x2}"));
}
