using Microsoft.Graph;

namespace WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

/// <summary>One simulator (300 people, clock frozen on Wednesday 2026-11-18 15:00 UTC) shared by the "simulator" collection.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 18, 15, 0, 0, TimeSpan.Zero);

    public const string Marker = "[[sim-marker]]";

    public GraphSimulatorServer Server { get; private set; } = null!;

    public GraphServiceClient Client { get; private set; } = null!;

    public FixedClock Clock { get; } = new(Now);

    public async Task InitializeAsync()
    {
        Server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { Clock = Clock, SubjectMarker = Marker });
        Client = GraphClients.Create(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The i-th user with a given role (users are ordered deterministically).</summary>
    public DemoUser User(int index, DemoRole role = DemoRole.Employee) => Server.Tenant.Users.Where(u => u.Role == role).ElementAt(index);
}

[CollectionDefinition("simulator")]
public sealed class SimulatorCollection : ICollectionFixture<SimulatorFixture>;
