using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>
/// The real host in its production configuration (Production environment, demo off, jobs off) whose AzureAd:Instance
/// is a local fake Entra over HTTPS. The only test-specific wiring: the back-channel trusts that issuer's certificate.
/// </summary>
public sealed class ProductionApiHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ClientId = "3f0c2b9e-1d7a-4e55-9a61-6b2f5c0d7e11";
    public Guid TenantA { get; } = Guid.NewGuid();
    public Guid TenantB { get; } = Guid.NewGuid();
    public FakeEntraIssuer Issuer { get; private set; } = null!;
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        Issuer = await FakeEntraIssuer.StartAsync();
        database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var scope = Services.CreateScope(); // started: the schema is migrated by the first hosted service
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Tenants.AddRange(
            new Tenant { Id = TenantA, Name = "Tenant A", CreatedAt = DateTimeOffset.UtcNow },
            new Tenant { Id = TenantB, Name = "Tenant B", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var settings = new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "false",
            ["Jobs:Enabled"] = "false",
            ["Storage:DataDirectory"] = database.DataDirectory,
            ["AzureAd:Instance"] = Issuer.Instance.ToString(),
            ["AzureAd:TenantId"] = "organizations",
            ["AzureAd:ClientId"] = ClientId,
            ["AzureAd:ClientCredentials:0:SourceType"] = "ClientSecret",
            ["AzureAd:ClientCredentials:0:ClientSecret"] = "not-used-by-these-tests",
        };
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            // Identity.Web's issuer validator reads discovery through a named IHttpClientFactory client (without a name,
            // a client of its own), JwtBearer through its back-channel.
            services.Configure<AadIssuerValidatorOptions>(o => o.HttpClientName = "fake-entra");
            services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(Issuer.TrustingHandler));
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = Issuer.TrustingHandler());
        });
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Issuer.DisposeAsync();
        await database.DisposeAsync();
    }
}
