using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Settings;

/// <summary>The person's own break settings: read them, and change them with immediate effect on their plan.</summary>
public static class SettingsEndpoints
{
    public static IEndpointRouteBuilder MapMySettings(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/settings").WithTags("My settings").RequireAuthorization(Policies.Employee);
        me.MapGet("", GetAsync).WithSummary("Your break settings, and the organisation's limits around them.");
        me.MapPut("", PutAsync).WithSummary("Saves your break settings and re-plans the rest of today and tomorrow at once.")
            .WithDescription("Turning breaks off withdraws every break not yet sent and deletes the calendar times stored for you; " +
                "your calendar is not read again until you turn breaks back on.");
        return app;
    }

    private static async Task<Results<Ok<MySettingsResponse>, ProblemHttpResult>> GetAsync(
        CurrentUser user, AppDbContext db, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
        var row = await db.PersonSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EmployeeId == user.UserId, ct);
        var shares = await db.Employees.Where(e => e.Id == user.UserId).Select(e => e.ShareCheckInsInReports).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new MySettingsResponse(PersonalSettings.From(row, tenant), PersonalSettings.Organisation(tenant), shares));
    }

    private static async Task<Results<Ok<MySettingsResponse>, ValidationProblem>> PutAsync(
        MySettingsDto settings, CurrentUser user, AppDbContext db, OfferPlanning planning, TimeProvider clock,
        ILogger<MySettingsDto> logger, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var now = clock.GetUtcNow();
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        var zone = LocalTime.Find(employee?.TimeZone ?? "UTC");
        var today = LocalTime.TodayFor(zone, now);
        var errors = PersonalSettings.Validate(settings, tenant, today);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Some settings are not valid");

        var row = await db.PersonSettings.FirstOrDefaultAsync(s => s.EmployeeId == user.UserId, ct);
        var wasOn = row?.BreaksOn ?? true;
        if (row is null) db.PersonSettings.Add(row = new PersonSettings { EmployeeId = user.UserId });
        PersonalSettings.Apply(settings, row, tenant, now);
        await db.SaveChangesAsync(ct);

        if (!row.BreaksOn)
        {
            // Off means off at once: nothing not yet sent is sent, and no calendar times are kept.
            await db.BreakOffers.Where(o => o.EmployeeId == user.UserId && BreakOffer.Undelivered.Contains(o.Status)).ExecuteDeleteAsync(ct);
            await db.CalendarEntries.Where(c => c.EmployeeId == user.UserId).ExecuteDeleteAsync(ct);
            // The next read after breaks are back on starts a fresh round (the stored times are gone); the calendar sync
            // drops the change subscription of someone it no longer reads.
            await db.CalendarSyncStates.Where(c => c.EmployeeId == user.UserId).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.DeltaLink, (string?)null).SetProperty(c => c.WindowStart, (DateTimeOffset?)null)
                .SetProperty(c => c.WindowEnd, (DateTimeOffset?)null), ct);
        }
        else if (employee is not null)
        {
            if (!wasOn)
                await db.Employees.Where(e => e.Id == user.UserId)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, now), ct);
            var organisation = await planning.SettingsAsync(user.TenantId, ct);
            await planning.PlanAsync(user.TenantId, employee, [today, today.AddDays(1)], organisation, ct);
        }
        logger.LogInformation("A person of tenant {TenantId} changed their break settings (breaks {State})",
            user.TenantId, row.BreaksOn ? "on" : "off");
        return TypedResults.Ok(new MySettingsResponse(PersonalSettings.From(row, tenant), PersonalSettings.Organisation(tenant),
            employee?.ShareCheckInsInReports ?? false));
    }
}
