using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Admin;

/// <summary>The admin page's API: settings, the kill switch, sync state and offboarding, always of the token's own tenant.</summary>
public static class TenantAdminEndpoints
{
    public sealed record KillSwitchRequest(bool Paused);
    public sealed record KillSwitchState(bool Paused);
    /// <param name="Subscribed">Active people whose calendar has a live change subscription (the rest are polled).</param>
    /// <param name="Failing">Active people whose last calendar read or subscription attempt failed.</param>
    /// <param name="Failures">Those failures by kind (a Graph status and code), never by person.</param>
    /// <param name="InitialSync">How far the first read of everyone's calendar has got.</param>
    public sealed record SyncState(int People, int Active, int SyncedLastHour, int Stale, int NeverSynced,
        int Subscribed, int Failing, IReadOnlyDictionary<string, int> Failures, InitialSyncProgress InitialSync);
    public sealed record InitialSyncProgress(int Read, int Of, bool Complete);
    public sealed record OffboardRequest(string Confirm);

    /// <summary>A calendar whose next sync is this late counts as stale.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(15);

    public static IEndpointRouteBuilder MapTenantAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapGet("/settings", GetSettingsAsync).WithSummary("The tenant's settings.");
        admin.MapPut("/settings", PutSettingsAsync)
            .WithSummary("Replaces the tenant's settings except nudgesPaused (the kill switch's alone); a 400 validation problem names every field that is wrong.");
        admin.MapPost("/kill-switch", KillSwitchAsync)
            .WithSummary("Pauses (true) or resumes (false) every nudge of the tenant; takes effect at the delivery job's next run.");
        admin.MapGet("/sync", SyncAsync).WithSummary("Counts of people and of calendars synced, stale and never synced.");
        admin.MapDelete("/tenant", OffboardAsync)
            .WithSummary("Offboarding: deletes every row of the tenant. The body must confirm the tenant id.");
        return app;
    }

    private static async Task<IResult> GetSettingsAsync(CurrentUser user, AppDbContext db, CancellationToken ct) =>
        await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == user.TenantId, ct) is { } tenant
            ? TypedResults.Ok(TenantSettings.From(tenant))
            : NoTenant();

    private static async Task<IResult> PutSettingsAsync(
        TenantSettingsDto settings, CurrentUser user, AppDbContext db, IMemoryCache cache, ILogger<TenantSettingsDto> logger, CancellationToken ct)
    {
        var errors = TenantSettings.Validate(settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The settings are not valid");
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == user.TenantId, ct);
        if (tenant is null) return NoTenant();
        TenantSettings.Apply(settings, tenant);
        await db.SaveChangesAsync(ct);
        TenantAccess.Forget(cache, tenant.Id);
        logger.LogInformation("Tenant settings changed (enabled {Enabled}, nudges paused {Paused})", tenant.Enabled, tenant.NudgesPaused);
        return TypedResults.Ok(TenantSettings.From(tenant));
    }

    private static async Task<IResult> KillSwitchAsync(
        KillSwitchRequest request, CurrentUser user, AppDbContext db, ILogger<KillSwitchRequest> logger, CancellationToken ct)
    {
        var changed = await db.Tenants.Where(t => t.Id == user.TenantId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.NudgesPaused, request.Paused), ct);
        if (changed == 0) return NoTenant();
        logger.LogWarning("Kill switch: nudges {State} by an admin", request.Paused ? "paused" : "resumed");
        return TypedResults.Ok(new KillSwitchState(request.Paused));
    }

    private static async Task<SyncState> SyncAsync(CurrentUser user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var overdue = now - StaleAfter;
        var employees = db.Employees.AsNoTracking();
        var active = employees.Where(e => e.IsActive);
        var activeStates = db.CalendarSyncStates.AsNoTracking().Where(s => active.Any(e => e.Id == s.EmployeeId));
        var failures = await activeStates.Where(s => s.Failure != null).GroupBy(s => s.Failure!)
            .Select(g => new { Failure = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Failure, g => g.Count, ct);
        var activeCount = await active.CountAsync(ct);
        var neverSynced = await active.CountAsync(e => e.CalendarSyncedAt == null, ct);
        return new SyncState(
            await employees.CountAsync(ct),
            activeCount,
            await employees.CountAsync(e => e.CalendarSyncedAt != null && e.CalendarSyncedAt >= hourAgo, ct),
            await active.CountAsync(e => e.CalendarSyncedAt == null || e.NextCalendarSyncAt < overdue, ct),
            neverSynced,
            await activeStates.CountAsync(s => s.SubscriptionId != null && s.SubscriptionExpiresAt > now, ct),
            failures.Values.Sum(),
            failures,
            new InitialSyncProgress(activeCount - neverSynced, activeCount, neverSynced == 0));
    }

    private static async Task<IResult> OffboardAsync(
        [FromBody] OffboardRequest request, CurrentUser user, AppDbContext db, IMemoryCache cache, ILogger<OffboardRequest> logger,
        CancellationToken ct)
    {
        if (!Guid.TryParse(request.Confirm, out var confirmed) || confirmed != user.TenantId)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["confirm"] = ["Type your tenant id to confirm that every row of your organisation is to be deleted."],
            }, title: "Offboarding was not confirmed");
        var rows = await db.RemoveTenantAsync(user.TenantId, ct);
        TenantAccess.Forget(cache, user.TenantId);
        logger.LogWarning("Tenant {TenantId} offboarded: {Rows} rows deleted", user.TenantId, rows);
        return TypedResults.NoContent();
    }

    private static IResult NoTenant() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such tenant", detail: "Your organisation is not (or no longer) onboarded.");
}
