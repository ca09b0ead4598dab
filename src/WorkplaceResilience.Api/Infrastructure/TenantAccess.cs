using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// What every policy asks of a token beyond a valid signature: a person (delegated token with the tab's scope, not an
/// app-only token) of a tenant that has onboarded. Refusals are 403 problems that say which of these failed.
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
            .AddPolicy(Policies.Employee, p => Person(p))
            .AddPolicy(Policies.Hr, p => Person(p).RequireRole(AppRoles.Hr))
            .AddPolicy(Policies.Admin, p => Person(p).RequireRole(AppRoles.Admin));
        return services;
    }

    private static AuthorizationPolicyBuilder Person(AuthorizationPolicyBuilder policy) => policy
        .RequireAuthenticatedUser()
        .AddRequirements(new DelegatedUserRequirement(), new OnboardedTenantRequirement());
}

/// <summary>A person signed in to the tab: a delegated token carrying <c>access_as_user</c>, with tid and oid.</summary>
public sealed class DelegatedUserRequirement : IAuthorizationRequirement;

/// <summary>The token's tenant is a row in <c>tenants</c> (its admin has consented and it was onboarded).</summary>
public sealed class OnboardedTenantRequirement : IAuthorizationRequirement;

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
        var onboarded = await cache.GetOrCreateAsync(("tenant-onboarded", tenantId), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return db.Tenants.AsNoTracking().AnyAsync(t => t.Id == tenantId);
        });
        if (onboarded)
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this,
                "Your organisation has not set up WorkplaceResilience yet. An administrator of your tenant has to consent to the app first."));
    }
}

/// <summary>Turns a refused authorization into a 403 problem that says why; everything else as ASP.NET Core does it.</summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).Distinct().ToList() ?? [];
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed",
                Detail = reasons.Count > 0 ? string.Join(" ", reasons) : "Your role does not allow this.",
            },
        });
    }
}
