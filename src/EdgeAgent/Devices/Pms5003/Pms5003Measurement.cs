using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// One PMS5003 data frame. The sensor reports each mass concentration twice: "CF=1, standard particle", meant for
/// factory settings, and "under atmospheric environment", meant for ambient air; the agent reports the latter.
/// </summary>
/// <param name="Pm1Standard">PM1.0, CF=1.</param>
/// <param name="Pm25Standard">PM2.5, CF=1.</param>
/// <param name="Pm10Standard">PM10, CF=1.</param>
/// <param name="Pm1">PM1.0 under atmospheric environment.</param>
/// <param name="Pm25">PM2.5 under atmospheric environment.</param>
/// <param name="Pm10">PM10 under atmospheric environment.</param>
/// <param name="Particles">Particle counts per 0.1 L of air, by diameter.</param>
/// <param name="Reserved">Data 13, "reserved" in the data manual (a version and an error byte on many units).</param>
internal sealed record Pms5003Measurement(
    MassConcentration Pm1Standard,
    MassConcentration Pm25Standard,
    MassConcentration Pm10Standard,
    MassConcentration Pm1,
    MassConcentration Pm25,
    MassConcentration Pm10,
    Pms5003ParticleCounts Particles,
    ushort Reserved);

/// <summary>Number of particles beyond each diameter in 0.1 L of air (data 7–12).</summary>
internal sealed record Pms5003ParticleCounts(
    int Beyond0Point3Um,
    int Beyond0Point5Um,
    int Beyond1Um,
    int Beyond2Point5Um,
    int Beyond5Um,
    int Beyond10Um);
