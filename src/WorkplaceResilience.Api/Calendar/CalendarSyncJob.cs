using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Hangfire;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>
/// One recurring job for every calendar: each run takes the people whose calendars are due (bounded batch),
/// reads today and tomorrow in their own time zone, stores the blocks and re-plans their break offers.
/// </summary>
public sealed class CalendarSyncJob(
    IServiceScopeFactory scopes, GraphClients graph, EventIdHasher hasher, IOptions<JobOptions> jobs, TimeProvider clock,
    ILogger<CalendarSyncJob> logger)
{
    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Keep taking batches while calendars are due, within a bounded time so the run ends well before the next.
        var until = clock.GetUtcNow() + jobs.Value.CalendarSyncJobEvery * 0.8;
        foreach (var tenantId in await scopes.TenantIdsAsync(cancellationToken))
            while (await SyncDueAsync(tenantId, cancellationToken) > 0 && clock.GetUtcNow() < until) { }
    }

    /// <summary>Syncs up to one batch of due calendars of a tenant; returns how many were synced.</summary>
    public async Task<int> SyncDueAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Employee> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            due = await db.Employees.AsNoTracking()
                .Where(e => e.IsActive && e.NextCalendarSyncAt <= now)
                // People who turned breaks off are not read at all.
                .Where(e => !db.PersonSettings.Any(s => s.EmployeeId == e.Id && !s.BreaksOn))
                .OrderBy(e => e.NextCalendarSyncAt)
                .Take(jobs.Value.BatchSize)
                .ToListAsync(cancellationToken);
        }
        if (due.Count == 0) return 0;

        var client = graph.For(tenantId);
        PlannerSettings settings;
        using (var scope = scopes.CreateScope())
            settings = await scope.ServiceProvider.GetRequiredService<OfferPlanning>().SettingsAsync(tenantId, cancellationToken);
        var synced = 0;
        var failed = new List<Guid>();
        await Parallel.ForEachAsync(due,
            new ParallelOptions { MaxDegreeOfParallelism = jobs.Value.GraphConcurrency, CancellationToken = cancellationToken },
            async (employee, ct) =>
            {
                try
                {
                    var zone = LocalTime.Find(employee.TimeZone);
                    var today = LocalTime.TodayFor(zone, now);
                    var from = LocalTime.StartOfDay(zone, today);
                    var to = LocalTime.StartOfDay(zone, today.AddDays(2));
                    var events = await CalendarReader.ReadAsync(client, hasher, tenantId, employee.Id, zone, from, to, ct);
                    using var scope = scopes.CreateScope();
                    var store = scope.ServiceProvider.GetRequiredService<CalendarStore>();
                    await store.ReplaceWindowAsync(tenantId, employee.Id, from, to, events, ct);
                    var planner = scope.ServiceProvider.GetRequiredService<OfferPlanning>();
                    await planner.PlanAsync(tenantId, employee, [today, today.AddDays(1)], settings, ct);
                    Interlocked.Increment(ref synced);
                    Telemetry.CalendarsSynced.Add(1);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // One person's failure must not stop the batch. They are tried again after the refresh interval,
                    // not at the head of the next batch, so mailboxes that always fail cannot starve everyone else.
                    Telemetry.CalendarSyncFailures.Add(1);
                    lock (failed) failed.Add(employee.Id);
                    // Graph's error text can name the person, so Warning gets the kind of failure and Debug the details.
                    logger.LogWarning("Calendar sync failed for one person in tenant {TenantId}: {Failure}", tenantId, Describe(error));
                    logger.LogDebug(error, "Calendar sync failure details");
                }
            });
        if (failed.Count > 0)
        {
            using var scope = scopes.CreateScope();
            var retryAt = now + jobs.Value.CalendarRefreshAfter;
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId).Employees
                .Where(e => failed.Contains(e.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, retryAt), cancellationToken);
        }
        logger.LogInformation("Calendar sync for tenant {TenantId}: {Synced} of {Due} calendars", tenantId, synced, due.Count);
        return synced;
    }

    private static string Describe(Exception error) => error is Microsoft.Graph.Models.ODataErrors.ODataError graph
        ? $"Graph {graph.ResponseStatusCode} {graph.Error?.Code}"
        : error.GetType().Name;
}
