using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>With Storage:PostgresAuthentication=ManagedIdentity the database password is an Entra token, for EF Core and Hangfire alike.</summary>
public sealed class PostgresEntraAuthTests
{
    [Fact]
    public async Task Every_connection_authenticates_with_a_token_for_Azure_Database_for_PostgreSQL()
    {
        var credential = new RecordingCredential();
        // The test cluster trusts loopback, so it accepts whatever password the token provides.
        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Postgres), jobsEnabled: true, employees: 20,
            configure: b => b
                .UseSetting("Storage:PostgresAuthentication", "ManagedIdentity")
                .ConfigureServices(services => services.AddSingleton<TokenCredential>(credential)));
        _ = host.Server; // migrations ran through the data source
        // The jobs (Hangfire's storage and EF Core alike) do the sync; calling it here too would race them.
        var people = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); people < 20 && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var scope = host.Services.CreateScope();
            people = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees.CountAsync();
        }
        Assert.Equal(20, people);
        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, scope => Assert.Equal(PostgresDataSource.EntraScope, scope));
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public ConcurrentBag<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            foreach (var scope in requestContext.Scopes) Scopes.Add(scope);
            return new AccessToken("entra-token-standing-in-for-a-password", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
