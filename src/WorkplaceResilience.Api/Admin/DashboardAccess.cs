using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Admin;

/// <summary>
/// The Hangfire dashboard at /hangfire, for the service operator's admins only: it shows and acts on every tenant's
/// jobs, so an admin of a customer tenant must not reach it. The operator is the tenant in <c>Admin:OperatorTenantId</c>
/// (in demo mode, the simulator's tenant when that is unset); with no operator, nobody gets in. A browser opening a page sends no bearer token, so an
/// admin's tab (holding a validated SSO token) asks for a link that works for one minute; opening it sets a
/// short-lived, HttpOnly, SameSite=Strict cookie scoped to the dashboard. Callers with a bearer token (scripts)
/// are admitted too. Everyone else gets 401 (no identity) or 403 (not an admin of the operator's tenant).
/// </summary>
public static class DashboardAccess
{
    public const string Path = "/hangfire";
    public const string Scheme = "hangfire-dashboard";
    private const string SignInPath = "/hangfire-sign-in";
    private const string Policy = "hangfire-dashboard";
    private const string LinkPolicy = "hangfire-dashboard-link";
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(1);
    private const string LinkPurpose = "WorkplaceResilience.HangfireDashboardLink";

    public sealed record DashboardLink(string Url, DateTimeOffset ExpiresAt);

    public static IServiceCollection AddDashboardAccess(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "wr-dashboard";
            options.Cookie.Path = Path;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            options.SlidingExpiration = false;
            options.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme, JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser().RequireClaim("tid").RequireRole(AppRoles.Admin)
            .AddRequirements(new OperatorTenantRequirement()));
        services.AddAuthorizationBuilder().AddPolicy(LinkPolicy, policy => policy
            .RequireAuthenticatedUser().AddRequirements(new OperatorTenantRequirement()));
        services.AddSingleton<IAuthorizationHandler, OperatorTenantHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/dashboard-link", (HttpContext context, IDataProtectionProvider protection) =>
        {
            var user = CurrentUser.From(context.User)!;
            var expires = DateTimeOffset.UtcNow + LinkLifetime;
            var ticket = ShortLivedTickets.Issue(protection, LinkPurpose, $"{user.TenantId:N}|{user.UserId:N}", LinkLifetime);
            return TypedResults.Ok(new DashboardLink($"{SignInPath}?ticket={Uri.EscapeDataString(ticket)}", expires));
        }).RequireAuthorization(Policies.Admin, LinkPolicy).WithTags("Admin")
          .WithSummary("A link (valid for one minute) that opens the Hangfire dashboard in a browser.");

        app.MapGet(SignInPath, async (string? ticket, HttpContext context, IDataProtectionProvider protection) =>
        {
            if (ShortLivedTickets.Read(protection, LinkPurpose, ticket) is not { } payload || payload.Split('|') is not [var tenant, var user])
                return Results.Problem(statusCode: 401, title: "The dashboard link has expired or is not valid",
                    detail: "Ask for a new link from the admin page; each link works for one minute.");
            var identity = new ClaimsIdentity(
                [new Claim("tid", tenant), new Claim("oid", user), new Claim("roles", AppRoles.Admin)], Scheme, "oid", "roles");
            await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
            return Results.Redirect(Path + "/");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            // Access is decided by the endpoint's authorization policy above, not by Hangfire's own filters.
            Authorization = [],
            AppPath = "/",
            DashboardTitle = "WorkplaceResilience · background jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policy);
        return app;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>The token's tenant is the service operator's.</summary>
public sealed class OperatorTenantRequirement : IAuthorizationRequirement;

internal sealed class OperatorTenantHandler(IOptions<AdminOptions> admin, IOptions<DemoOptions> demo, GraphEndpoint endpoint)
    : AuthorizationHandler<OperatorTenantRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperatorTenantRequirement requirement)
    {
        var operatorTenant = admin.Value.OperatorTenantId ?? (demo.Value.Enabled ? endpoint.DemoTenantId : null);
        if (operatorTenant is { } expected && Guid.TryParse(context.User.FindFirstValue("tid"), out var tenant) && tenant == expected)
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this,
                "The background-jobs dashboard shows every organisation's jobs, so only the service operator's admins can open it."));
        return Task.CompletedTask;
    }
}
