using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>A started host (not synced): the demo identity provider and Microsoft.Identity.Web's validation.</summary>
public abstract class StartedApi(DatabaseKind kind) : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 30);
        _ = Host.Server;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteStartedApi() : StartedApi(DatabaseKind.Sqlite);
public sealed class PostgresStartedApi() : StartedApi(DatabaseKind.Postgres);

/// <summary>Which tokens the API accepts: Entra-shaped v2.0 user tokens of onboarded tenants with the tab's scope.</summary>
public abstract class AuthTests(StartedApi api)
{
    private ApiHost Host => api.Host;
    private DemoUser Employee => Host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Employee);
    private DemoUser Hr => Host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Hr);

    /// <summary>A token from the demo identity provider: the demo sign-in's claims for a person, then <paramref name="change"/>.</summary>
    private string Token(DemoUser person, Action<JsonObject>? change = null, Guid? tenantId = null, params string[] roles)
    {
        var tokens = Host.Services.GetRequiredService<DemoTokens>();
        return tokens.Issue(tenantId ?? Host.TenantId, claims =>
        {
            claims["oid"] = person.Id.ToString();
            claims["name"] = person.DisplayName;
            claims["scp"] = AuthenticationSetup.Scope;
            claims["roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray());
            change?.Invoke(claims);
        }).Token;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var client = Host.CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync(path);
    }

    private static async Task<string> ForbiddenProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        return problem.GetProperty("detail").GetString() ?? "";
    }

    [Fact]
    public async Task The_demo_sign_in_token_is_accepted_and_anonymous_requests_get_401()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/practices", Token(Employee))).StatusCode);
        var signedIn = await Host.SignedInAsync(Employee.Id);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/practices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/me/today", null)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_that_is_not_onboarded_gets_403_with_a_problem_that_says_so()
    {
        var stranger = Token(Employee, tenantId: Guid.NewGuid());
        var detail = await ForbiddenProblemAsync(await GetAsync("/api/me/today", stranger));
        Assert.Contains("not set up", detail);
    }

    [Fact]
    public async Task App_only_tokens_are_refused_on_person_endpoints()
    {
        var appOnly = Token(Employee, claims =>
        {
            claims.Remove("scp");
            claims.Remove("name");
            claims["idtyp"] = "app";
        }, roles: AppRoles.Hr);
        Assert.Contains("App-only", await ForbiddenProblemAsync(await GetAsync("/api/me/today", appOnly)));
        Assert.Contains("App-only", await ForbiddenProblemAsync(await GetAsync("/api/reports/summary", appOnly)));
        // Roles and no scp is app-only too, with or without Entra's optional idtyp claim.
        var rolesOnly = Token(Employee, claims => claims.Remove("scp"), roles: AppRoles.Admin);
        Assert.Contains("App-only", await ForbiddenProblemAsync(await GetAsync("/api/me/today", rolesOnly)));
    }

    [Fact]
    public async Task A_token_without_the_access_as_user_scope_is_refused()
    {
        var otherScope = Token(Employee, claims => claims["scp"] = "User.Read");
        Assert.Contains(AuthenticationSetup.Scope, await ForbiddenProblemAsync(await GetAsync("/api/me/today", otherScope)));
    }

    [Fact]
    public async Task Hr_needs_the_role_and_a_delegated_token()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/reports/summary", Token(Hr, roles: AppRoles.Hr))).StatusCode);
        await ForbiddenProblemAsync(await GetAsync("/api/reports/summary", Token(Employee)));
    }

    [Fact]
    public async Task Tokens_with_a_foreign_key_audience_or_issuer_get_401()
    {
        var issuer = Host.Simulator.IssuerFor(Host.TenantId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/me/today", Token(Employee, c => c["aud"] = "api://someone-else"))).StatusCode);
        // Issued for another tenant than the token's own tid.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/me/today",
            Token(Employee, c => c["iss"] = Host.Simulator.IssuerFor(Guid.NewGuid())))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/me/today",
            Token(Employee, c => c["iss"] = $"https://login.microsoftonline.com/{Host.TenantId}/v2.0"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/me/today",
            Token(Employee, c => c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()))).StatusCode);

        // The same claims, signed by a key the identity provider never published.
        string? payload = null;
        Token(Employee, c => payload = c.ToJsonString());
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(payload!,
            new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "forged" }, SecurityAlgorithms.RsaSha256));
        Assert.Equal(issuer, new JsonWebToken(forged).Issuer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/me/today", forged)).StatusCode);
    }
}

public sealed class SqliteAuthTests(SqliteStartedApi api) : AuthTests(api), IClassFixture<SqliteStartedApi>;
public sealed class PostgresAuthTests(PostgresStartedApi api) : AuthTests(api), IClassFixture<PostgresStartedApi>;

/// <summary>
/// Forged and misdirected tokens against the production configuration (demo off, Identity.Web's own multi-tenant issuer
/// validation against a local fake Entra over HTTPS): each is refused with 401 or 403, never a 500.
/// </summary>
public sealed class ProductionTokenTests(ProductionApiHost host) : IClassFixture<ProductionApiHost>
{
    private const string Path = "/api/practices";
    private static readonly Guid Person = Guid.NewGuid();

    private JsonObject Claims(Action<JsonObject>? change = null, Guid? tenant = null) =>
        TokenForge.PersonClaims(host.Issuer.IssuerFor(tenant ?? host.TenantA), ProductionApiHost.ClientId, tenant ?? host.TenantA, Person, change);

    private string Signed(JsonObject claims) => TokenForge.SignRs256(claims, host.Issuer.Key, host.Issuer.KeyId);

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        var response = await host.CreateClient(new() { BaseAddress = new Uri("https://wr.example/") }).GetAsync("/health/live");
        Assert.StartsWith("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        HttpSurfaceTests.AssertSecurityHeaders(response, "https");
    }

    [Fact]
    public async Task A_well_formed_token_of_an_onboarded_tenant_is_accepted()
    {
        var response = await host.GetAsync(Path, Signed(Claims()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Forgeries() =>
    [
        "alg none", "HS256 keyed with the public key (PEM)", "HS256 keyed with the public key (modulus)", "unknown key id",
        "published key id, other key", "wrong audience", "wrong issuer host", "issuer of tenant A with tid of tenant B",
        "expired", "not yet valid", "no signature",
    ];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task Forged_or_misdirected_tokens_get_401(string forgery)
    {
        var issuer = host.Issuer;
        var token = forgery switch
        {
            "alg none" => TokenForge.Unsigned(Claims(), issuer.KeyId),
            "HS256 keyed with the public key (PEM)" => TokenForge.SignHs256WithPublicKey(Claims(), issuer.Key, issuer.KeyId),
            "HS256 keyed with the public key (modulus)" => TokenForge.SignHs256WithModulus(Claims(), issuer.Key, issuer.KeyId),
            "unknown key id" => TokenForge.SignWithUnknownKey(Claims(), "not-in-the-jwks"),
            "published key id, other key" => TokenForge.SignWithUnknownKey(Claims(), issuer.KeyId),
            "wrong audience" => Signed(Claims(c => c["aud"] = "api://someone-else")),
            "wrong issuer host" => Signed(Claims(c => c["iss"] = $"https://login.microsoftonline.com/{host.TenantA}/v2.0")),
            "issuer of tenant A with tid of tenant B" => Signed(Claims(c => c["tid"] = host.TenantB.ToString())),
            "expired" => Signed(Claims(c =>
            {
                c["nbf"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
                c["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
            })),
            "not yet valid" => Signed(Claims(c => c["nbf"] = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds())),
            "no signature" => string.Join('.', Signed(Claims()).Split('.')[..2]) + ".",
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
        var response = await host.GetAsync(Path, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task App_only_tokens_and_tenants_that_have_not_onboarded_get_403()
    {
        var appOnly = Signed(Claims(c =>
        {
            c.Remove("scp");
            c["idtyp"] = "app";
            c["roles"] = new JsonArray("Reports.Read");
        }));
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync(Path, appOnly)).StatusCode);
        var stranger = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await host.GetAsync(Path, Signed(Claims(tenant: stranger)))).StatusCode);
    }
}
