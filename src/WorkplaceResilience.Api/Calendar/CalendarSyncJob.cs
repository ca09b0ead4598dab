using Hangfire;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>
/// One recurring job for every calendar: each run reads, per tenant, the calendars that are due (changed, rolling
/// their window, never read, or polled for want of a subscription) in bounded batches, then creates and renews a
/// bounded number of change subscriptions.
/// </summary>
public sealed class CalendarSyncJob(CalendarSync sync, CalendarSubscriptions subscriptions, IServiceScopeFactory scopes,
    IOptions<JobOptions> jobs, TimeProvider clock, ILogger<CalendarSyncJob> logger)
{
    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Keep taking batches while calendars are due, within a bounded time so the run ends well before the next.
        var until = clock.GetUtcNow() + jobs.Value.CalendarSyncJobEvery * 0.8;
        foreach (var tenantId in await scopes.TenantIdsAsync(cancellationToken))
        {
            while (await SyncDueAsync(tenantId, cancellationToken) > 0 && clock.GetUtcNow() < until) { }
            try
            {
                await subscriptions.MaintainAsync(tenantId, cancellationToken);
            }
            catch (Exception error) when (error is not (OperationCanceledException or System.Data.Common.DbException))
            {
                logger.LogWarning("Calendar subscriptions of tenant {TenantId} skipped this run: {Failure}", tenantId, error.GetType().Name);
            }
        }
    }

    /// <summary>Reads up to one batch of due calendars of a tenant; returns how many were read.</summary>
    public Task<int> SyncDueAsync(Guid tenantId, CancellationToken cancellationToken) => sync.SyncDueAsync(tenantId, cancellationToken);
}
