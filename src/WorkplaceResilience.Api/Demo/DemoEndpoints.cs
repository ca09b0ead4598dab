using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Demo;

/// <summary>Demo sign-in: pick a person of the simulated tenant and get a token. Mapped only in demo mode.</summary>
public static class DemoEndpoints
{
    public sealed record DemoPerson(Guid Id, string DisplayName, string Department, string Role);
    public sealed record SignInRequest(Guid UserId);
    public sealed record SignInResponse(string AccessToken, DateTimeOffset ExpiresAt, string DisplayName, IReadOnlyList<string> Roles);

    public static IEndpointRouteBuilder MapDemo(this IEndpointRouteBuilder app)
    {
        var demo = app.MapGroup("/api/demo").WithTags("Demo").AllowAnonymous();
        demo.MapGet("/people", async (DemoSimulator simulator, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var tenant = Tenant(simulator);
            var now = clock.GetUtcNow();
            // Put people with breaks still to come today first, so a newcomer sees the flow at any hour.
            var upcoming = await db.ForTenant(tenant.TenantId).BreakOffers.AsNoTracking()
                .Where(o => o.Start > now && o.Start < now.AddHours(10) && o.Status <= OfferStatus.Delivered)
                .Select(o => o.EmployeeId).Distinct().ToListAsync(ct);
            return People(tenant, upcoming.ToHashSet());
        });
        demo.MapPost("/sign-in", Results<Ok<SignInResponse>, ProblemHttpResult> (SignInRequest request, DemoSimulator simulator, DemoTokens tokens) =>
        {
            var tenant = Tenant(simulator);
            var user = tenant.Users.FirstOrDefault(u => u.Id == request.UserId);
            if (user is null)
                return TypedResults.Problem(statusCode: 400, title: "Unknown demo person",
                    detail: "Pick one of the people listed by GET /api/demo/people.");
            string[] roles = user.Role switch
            {
                DemoRole.Hr => [AppRoles.Hr],
                DemoRole.Admin => [AppRoles.Admin],
                _ => [],
            };
            var (token, expires) = tokens.IssueForPerson(tenant.TenantId, user.Id, user.DisplayName, roles);
            var current = new CurrentUser(tenant.TenantId, user.Id, user.DisplayName, roles);
            return TypedResults.Ok(new SignInResponse(token, expires, user.DisplayName, current.ClientRoles));
        });
        return app;
    }

    private static DemoTenant Tenant(DemoSimulator simulator) =>
        simulator.Server?.Tenant ?? throw new InvalidOperationException("The demo simulator has not started.");

    /// <summary>A short, varied list: a few employees from different departments and zones, HR, an admin.</summary>
    public static IReadOnlyList<DemoPerson> People(DemoTenant tenant, IReadOnlySet<Guid> withUpcomingBreaks)
    {
        var employees = tenant.Users.Where(u => u.Role == DemoRole.Employee)
            .OrderByDescending(u => withUpcomingBreaks.Contains(u.Id))
            .GroupBy(u => (u.Department, u.TimeZone)).Select(g => g.First()).Take(6);
        var others = tenant.Users.Where(u => u.Role == DemoRole.Hr).Take(2)
            .Concat(tenant.Users.Where(u => u.Role == DemoRole.Admin).Take(1));
        return employees.Concat(others)
            .Select(u => new DemoPerson(u.Id, u.DisplayName, u.Department, u.Role.ToString().ToLowerInvariant()))
            .ToList();
    }
}
