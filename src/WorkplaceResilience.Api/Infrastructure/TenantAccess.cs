using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// What every policy asks of a token beyond a valid signature: a person (delegated token with the tab's scope, not an
/// app-only token) of a tenant that has onboarded and is enabled (admins of a disabled tenant keep access, so that they
/// can turn it back on). Refusals are 403 problems that say which of these failed; a tenant that is not served gets the
/// admin-consent link in <c>consentUrl</c>.
/// </summary>
public static class TenantAccess
{
    public static IServiceCollection AddTenantAccess(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<IAuthorizationHandler, DelegatedUserHandler>();
        services.AddScoped<IAuthorizationHandler, OnboardedTenantHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Employee, p => Person(p, allowDisabled: false))
            .AddPolicy(Policies.Hr, p => Person(p, allowDisabled: false).RequireRole(AppRoles.Hr))
            .AddPolicy(Policies.Admin, p => Person(p, allowDisabled: true).RequireRole(AppRoles.Admin));
        return services;
    }

    /// <summary>Drops this instance's cached state of the tenant after a change (other instances see it within 30 s).</summary>
    public static void Forget(IMemoryCache cache, Guid tenantId) => cache.Remove(OnboardedTenantHandler.CacheKey(tenantId));

    private static AuthorizationPolicyBuilder Person(AuthorizationPolicyBuilder policy, bool allowDisabled) => policy
        .RequireAuthenticatedUser()
        .AddRequirements(new DelegatedUserRequirement(), new OnboardedTenantRequirement(allowDisabled));
}

/// <summary>A person signed in to the tab: a delegated token carrying <c>access_as_user</c>, with tid and oid.</summary>
public sealed class DelegatedUserRequirement : IAuthorizationRequirement;

/// <summary>The token's tenant is a row in <c>tenants</c> (its admin has consented and it was onboarded) and, unless
/// <paramref name="AllowDisabled"/>, enabled.</summary>
public sealed record OnboardedTenantRequirement(bool AllowDisabled) : IAuthorizationRequirement;

/// <summary>A refusal because the tenant is not served; the 403 problem then carries the admin-consent link.</summary>
public sealed class TenantNotServedReason(IAuthorizationHandler handler, string message, Guid tenantId)
    : AuthorizationFailureReason(handler, message)
{
    public Guid TenantId { get; } = tenantId;
}

internal sealed class DelegatedUserHandler : AuthorizationHandler<DelegatedUserRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DelegatedUserRequirement requirement)
    {
        var user = context.User;
        var scopes = user.FindAll("scp").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        // Entra marks app-only tokens with idtyp=app (optional claim); without it, roles and no scp means the same.
        if (user.FindFirstValue("idtyp") == "app" || scopes.Count == 0)
            context.Fail(new AuthorizationFailureReason(this, "App-only tokens cannot act for a person: sign in through the tab."));
        else if (!scopes.Contains(AuthenticationSetup.Scope))
            context.Fail(new AuthorizationFailureReason(this, $"The token lacks the '{AuthenticationSetup.Scope}' scope."));
        else if (CurrentUser.From(user) is null)
            context.Fail(new AuthorizationFailureReason(this, "The token names no tenant (tid) and person (oid)."));
        else
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

internal sealed class OnboardedTenantHandler(AppDbContext db, IMemoryCache cache) : AuthorizationHandler<OnboardedTenantRequirement>
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OnboardedTenantRequirement requirement)
    {
        if (!Guid.TryParse(context.User.FindFirstValue("tid"), out var tenantId)) return; // the delegated-user check says why
        // null: no row (never onboarded, or offboarded); otherwise whether the tenant is enabled.
        var enabled = await cache.GetOrCreateAsync(CacheKey(tenantId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => new { t.Enabled }).FirstOrDefaultAsync();
            return tenant?.Enabled;
        });
        if (enabled == true || (enabled == false && requirement.AllowDisabled))
            context.Succeed(requirement);
        else if (enabled == false)
            context.Fail(new TenantNotServedReason(this,
                "WorkplaceResilience is turned off for your organisation. An administrator of your tenant can turn it back on.", tenantId));
        else
            context.Fail(new TenantNotServedReason(this,
                "Your organisation has not set up WorkplaceResilience yet. An administrator of your tenant has to consent to the app first.", tenantId));
    }

    internal static (string, Guid) CacheKey(Guid tenantId) => ("tenant-served", tenantId);
}

/// <summary>Turns a refused authorization into a 403 problem that says why; everything else as ASP.NET Core does it.</summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems, Admin.ConsentLinks consentLinks) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var failures = authorizeResult.AuthorizationFailure?.FailureReasons.ToList() ?? [];
        var reasons = failures.Select(r => r.Message).Distinct().ToList();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed",
            Detail = reasons.Count > 0 ? string.Join(" ", reasons) : "Your role does not allow this.",
        };
        if (failures.OfType<TenantNotServedReason>().FirstOrDefault() is { } notServed)
            problem.Extensions["consentUrl"] = consentLinks.For(context.Request, notServed.TenantId.ToString());
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
