using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Graph;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>App roles as declared on the Entra app registration (and issued by the demo sign-in).</summary>
public static class AppRoles
{
    public const string Hr = "Reports.Read";
    public const string Admin = "Tenant.Admin";
}

public static class Policies
{
    public const string Employee = "employee";
    public const string Hr = "hr";
    public const string Admin = "admin";
}

public static class AuthenticationSetup
{
    /// <summary>Configuration section read by Microsoft.Identity.Web (Instance, TenantId, ClientId, Audience, ClientCredentials).</summary>
    public const string Section = "AzureAd";

    /// <summary>The delegated scope the Teams tab asks for (exposed on the app registration).</summary>
    public const string Scope = "access_as_user";

    /// <summary>The demo's app (client) id when none is configured: the audience of the demo sign-in's tokens.</summary>
    public const string DemoClientId = "7e1e0d3a-0000-4000-8000-00000000de30";

    /// <summary>
    /// Microsoft.Identity.Web validates every token: Entra's multi-tenant v2.0 endpoint, the issuer checked against the
    /// token's own tid, audience = AzureAd:Audience or AzureAd:ClientId. Demo mode only points Instance at the Graph
    /// simulator, which publishes discovery and keys as Entra does and signs the demo sign-in's tokens.
    /// Token acquisition (app-only Graph tokens per tenant) uses the same section's ClientCredentials.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var demo = configuration.GetSection(DemoOptions.Section).Get<DemoOptions>()?.Enabled == true;
        const string scheme = JwtBearerDefaults.AuthenticationScheme;

        services.AddAuthentication(scheme)
            .AddMicrosoftIdentityWebApi(
                jwt =>
                {
                    section.Bind(jwt);
                    jwt.MapInboundClaims = false;
                    jwt.TokenValidationParameters.NameClaimType = "name";
                    jwt.TokenValidationParameters.RoleClaimType = "roles";
                },
                identity =>
                {
                    identity.Instance = "https://login.microsoftonline.com/";
                    identity.TenantId = "organizations";
                    section.Bind(identity);
                    if (demo && string.IsNullOrEmpty(identity.ClientId)) identity.ClientId = DemoClientId;
                },
                scheme)
            .EnableTokenAcquisitionToCallDownstreamApi(_ => { })
            .AddInMemoryTokenCaches();

        if (!demo)
        {
            services.AddOptions<MicrosoftIdentityOptions>(scheme)
                .Validate(identity => !string.IsNullOrWhiteSpace(identity.ClientId), $"{Section}:ClientId (the Entra app's client id) is not configured")
                .Validate(identity => identity.ClientCredentials?.Any() == true,
                    $"{Section}:ClientCredentials (how the service gets app-only Graph tokens: a managed identity, certificate or secret) is not configured")
                .ValidateOnStart();
        }
        else
        {
            // The simulator's port is known only once DemoSimulator has started; options are built at the first request.
            services.AddOptions<MicrosoftIdentityOptions>(scheme).Configure<GraphEndpoint>((identity, endpoint) =>
                identity.Instance = DemoInstance(endpoint));
            services.AddOptions<JwtBearerOptions>(scheme).Configure<GraphEndpoint>((jwt, endpoint) =>
            {
                jwt.RequireHttpsMetadata = false;
                // Identity.Web's AadIssuerValidator reads the {tenantid} issuer template from discovery with an HTTPS-only
                // retriever; over loopback http it gets the same template here and still checks it against each token's tid.
                jwt.TokenValidationParameters.ValidIssuer = $"{DemoInstance(endpoint)}{{tenantid}}/v2.0";
            });
        }

        services.AddTenantAccess();
        return services;
    }

    private static string DemoInstance(GraphEndpoint endpoint) =>
        endpoint.IdentityInstance?.ToString() ?? throw new InvalidOperationException("The demo identity provider has not started yet.");
}

/// <summary>The signed-in person, from the validated token: tenant and object id, never more.</summary>
public sealed record CurrentUser(Guid TenantId, Guid UserId, string DisplayName, IReadOnlyList<string> Roles)
{
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) => ValueTask.FromResult(From(context.User));

    public static CurrentUser? From(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue("tid"), out var tenant) && Guid.TryParse(principal.FindFirstValue("oid"), out var user)
            ? new CurrentUser(tenant, user, principal.FindFirstValue("name") ?? "", principal.FindAll("roles").Select(c => c.Value).ToList())
            : null;

    /// <summary>Roles as the front end names them.</summary>
    public IReadOnlyList<string> ClientRoles =>
        ["employee", .. Roles.Contains(AppRoles.Hr) ? ["hr"] : Array.Empty<string>(), .. Roles.Contains(AppRoles.Admin) ? ["admin"] : Array.Empty<string>()];
}
