namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>Tests marked [Collection(RealServers.Collection)] share one <see cref="RealServers"/>.</summary>
[CollectionDefinition(RealServers.Collection)]
public sealed class RealServersCollectionDefinition : ICollectionFixture<RealServers>;
