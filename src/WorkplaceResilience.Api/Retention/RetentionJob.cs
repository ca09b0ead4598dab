using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Retention;

/// <summary>
/// Deletes each tenant's per-person raw data once it is older than the tenant's <see cref="Tenant.RetentionDays"/>:
/// calendar entries that ended, break offers that started, and practice sessions (with their check-ins) completed
/// before the cutoff. People, tenants and settings stay. HR's aggregates are computed from these rows, so they cover
/// at most the retention window.
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<RetentionJob> logger)
{
    /// <summary>Rows removed per statement: keeps each delete's locks and transaction short on a large backlog.</summary>
    public const int DeleteBatchSize = 5000;

    public sealed record Deleted(int CalendarEntries, int BreakOffers, int PracticeSessions)
    {
        public int Total => CalendarEntries + BreakOffers + PracticeSessions;
        public static Deleted operator +(Deleted a, Deleted b) => new(
            a.CalendarEntries + b.CalendarEntries, a.BreakOffers + b.BreakOffers, a.PracticeSessions + b.PracticeSessions);
    }

    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) => await DeleteExpiredAsync(cancellationToken);

    /// <summary>Applies every served tenant's retention; returns what was deleted across them.</summary>
    public async Task<Deleted> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var total = new Deleted(0, 0, 0);
        foreach (var tenantId in await scopes.AllTenantIdsAsync(cancellationToken))
            total += await DeleteExpiredAsync(tenantId, cancellationToken);
        return total;
    }

    public async Task<Deleted> DeleteExpiredAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Jobs.StartActivity("retention tenant");
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var retentionDays = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId)
            .Select(t => (int?)t.RetentionDays).SingleOrDefaultAsync(cancellationToken);
        if (retentionDays is null) return new Deleted(0, 0, 0);
        var cutoff = clock.GetUtcNow().AddDays(-retentionDays.Value);

        var deleted = new Deleted(
            await InBatchesAsync(() => db.CalendarEntries.Where(c => c.End < cutoff)
                .OrderBy(c => c.End).Take(DeleteBatchSize).ExecuteDeleteAsync(cancellationToken)),
            await InBatchesAsync(() => db.BreakOffers.Where(o => o.Start < cutoff)
                .OrderBy(o => o.Start).Take(DeleteBatchSize).ExecuteDeleteAsync(cancellationToken)),
            await InBatchesAsync(() => db.PracticeSessions.Where(s => s.CompletedAt < cutoff)
                .OrderBy(s => s.CompletedAt).Take(DeleteBatchSize).ExecuteDeleteAsync(cancellationToken)));

        Count("calendar_entries", deleted.CalendarEntries);
        Count("break_offers", deleted.BreakOffers);
        Count("practice_sessions", deleted.PracticeSessions);
        activity?.SetTag("wr.retention.deleted", deleted.Total);
        logger.LogInformation(
            "Retention of {RetentionDays} days: deleted {CalendarEntries} calendar entries, {BreakOffers} break offers and {PracticeSessions} practice sessions",
            retentionDays.Value, deleted.CalendarEntries, deleted.BreakOffers, deleted.PracticeSessions);
        return deleted;
    }

    private static async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch();
            total += deleted;
        } while (deleted == DeleteBatchSize);
        return total;
    }

    private static void Count(string table, int rows)
    {
        if (rows > 0) Telemetry.RetentionDeleted.Add(rows, new TagList { { "table", table } });
    }
}
