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
    IOptions<DemoOptions> demo, IConfiguration configuration, GraphEndpoint endpoint, IServiceScopeFactory scopes, TimeProvider clock, IHttpClientFactory httpClients,
    ILogger<DemoSimulator> logger)
    : IHostedService, IAsyncDisposable
{
    public const string WebhookClientName = "demo-simulator-webhooks";

    public GraphSimulatorServer? Server { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Server = await GraphSimulatorServer.StartAsync(new SimulatorOptions
        {
            Seed = demo.Value.Seed,
            EmployeeCount = demo.Value.EmployeeCount,
            Clock = clock,
            SubjectMarker = demo.Value.SubjectMarker,
            // The simulator calls this host's webhook (subscription handshakes, change notifications) with it.
            WebhookClient = httpClients.CreateClient(WebhookClientName),
            // Subscriptions belong to this app, so the validation tokens in notifications are issued for it.
            ApplicationId = configuration[$"{AuthenticationSetup.Section}:ClientId"] is { Length: > 0 } clientId ? clientId : AuthenticationSetup.DemoClientId,
        }, cancellationToken);
        endpoint.GraphBaseUrl = Server.GraphBaseUrl;
        endpoint.TokenEndpoint = Server.TokenEndpoint;
        endpoint.IdentityInstance = Server.IdentityInstance;
        endpoint.DemoTenantId = Server.Tenant.TenantId;
        using (var scope = scopes.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>()
                .EnsureTenantAsync(Server.Tenant.TenantId, Server.Tenant.Name, clock.GetUtcNow(), cancellationToken);
        logger.LogWarning("DEMO MODE: simulated company '{Tenant}' ({People} people), Graph simulator at {Url}, anyone can sign in " +
            "as anyone. Never use demo mode with real data.", Server.Tenant.Name, Server.Tenant.Users.Count, Server.GraphBaseUrl);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Server is not null) await Server.DisposeAsync();
    }
}
