using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Demo;

/// <summary>
/// In demo mode, starts the Graph simulator in this process on a free loopback port and points the
/// Graph clients and the demo identity provider (token validation) at it. Registered before the scheduler, so jobs only ever see a running simulator.
/// </summary>
public sealed class DemoSimulator(
    IOptions<DemoOptions> demo, GraphEndpoint endpoint, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DemoSimulator> logger)
    : IHostedService, IAsyncDisposable
{
    public GraphSimulatorServer? Server { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Server = await GraphSimulatorServer.StartAsync(new SimulatorOptions
        {
            Seed = demo.Value.Seed,
            EmployeeCount = demo.Value.EmployeeCount,
            Clock = clock,
            SubjectMarker = demo.Value.SubjectMarker,
        }, cancellationToken);
        endpoint.GraphBaseUrl = Server.GraphBaseUrl;
        endpoint.TokenEndpoint = Server.TokenEndpoint;
        endpoint.IdentityInstance = Server.IdentityInstance;
        await RegisterTenantAsync(Server.Tenant, cancellationToken);
        logger.LogInformation("Demo mode: Graph simulator for '{Tenant}' ({People} people) at {Url}",
            Server.Tenant.Name, Server.Tenant.Users.Count, Server.GraphBaseUrl);
    }

    /// <summary>The demo tenant stands in for a customer whose admin has consented.</summary>
    private async Task RegisterTenantAsync(DemoTenant tenant, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Tenants.FindAsync([tenant.TenantId], cancellationToken) is not null) return;
        db.Tenants.Add(new Tenant { Id = tenant.TenantId, Name = tenant.Name, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
