using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using WorkplaceResilience.Api.Demo;

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
    /// <summary>
    /// One JwtBearer pipeline for production and demo. Production trusts Entra ID (any consented tenant,
    /// issuer checked against the token's own tid); demo mode trusts only the local demo signing key.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var demo = configuration.GetSection(DemoOptions.Section).Get<DemoOptions>() ?? new DemoOptions();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var graph = configuration.GetSection(GraphOptions.Section).Get<GraphOptions>() ?? new GraphOptions();
        var demoKey = new DemoSigningKey();
        services.AddSingleton(demoKey);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = "roles";
            if (demo.Enabled)
            {
                options.TokenValidationParameters.ValidIssuer = DemoSigningKey.Issuer;
                options.TokenValidationParameters.ValidAudience = DemoSigningKey.Audience;
                options.TokenValidationParameters.IssuerSigningKey = demoKey.Key;
                options.RequireHttpsMetadata = false;
            }
            else
            {
                options.Authority = auth.Authority;
                options.Audience = auth.Audience ?? graph.ClientId;
                options.TokenValidationParameters.IssuerValidator = EntraIssuer;
            }
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Employee, p => p.RequireAuthenticatedUser().RequireClaim("tid").RequireClaim("oid"))
            .AddPolicy(Policies.Hr, p => p.RequireAuthenticatedUser().RequireClaim("tid").RequireRole(AppRoles.Hr))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireClaim("tid").RequireRole(AppRoles.Admin));
        return services;
    }

    /// <summary>Multi-tenant issuer check: the issuer must be Entra's v2.0 issuer for the token's own tenant.</summary>
    private static string EntraIssuer(string issuer, SecurityToken token, TokenValidationParameters parameters)
    {
        var tenant = token switch
        {
            Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt => jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null,
            _ => null,
        };
        if (tenant is not null && issuer == $"https://login.microsoftonline.com/{tenant}/v2.0") return issuer;
        throw new SecurityTokenInvalidIssuerException("The token's issuer does not match its tenant.");
    }
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
