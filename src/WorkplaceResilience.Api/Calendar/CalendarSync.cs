using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>
/// Reads calendars the cheap way: a calendarView delta round per person over a rolling window (today and the next 7
/// days, in the person's zone), only when something says the calendar changed (a change notification, a missed-
/// notification signal), when the window rolls (once a day, in the person's night), or, for someone without a working
/// subscription, every <see cref="JobOptions.CalendarRefreshAfter"/>. Mailbox settings are read once a day, in the
/// same night. Reads of many people go together in <c>$batch</c>es.
/// </summary>
public sealed class CalendarSync(
    IServiceScopeFactory scopes, GraphClients graph, GraphBatchRunner runner, EventIdHasher hasher, IOptions<JobOptions> jobs,
    TimeProvider clock, ILogger<CalendarSync> logger)
{
    /// <summary>
    /// Re-reads these people's calendars if they changed since the last read (or were never read), and re-plans them:
    /// the call to make right before nudging someone or showing them their day. Returns how many were read.
    /// </summary>
    public async Task<int> EnsureFreshAsync(Guid tenantId, IReadOnlyCollection<Guid> employeeIds, CancellationToken cancellationToken)
    {
        if (employeeIds.Count == 0) return 0;
        var now = clock.GetUtcNow();
        List<Guid> stale;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            stale = await Readable(db).AsNoTracking()
                .Where(e => employeeIds.Contains(e.Id))
                .Where(e => e.CalendarSyncedAt == null || e.NextCalendarSyncAt <= now
                    || db.CalendarSyncStates.Any(s => s.EmployeeId == e.Id && s.ChangedAt != null && s.ChangedAt > e.CalendarSyncedAt)
                    // A notification accepted and not yet processed: read rather than nudge on the old calendar.
                    || db.CalendarSyncStates.Where(UnsettledNotification).Any(s => s.EmployeeId == e.Id && s.NotifiedAt > e.CalendarSyncedAt))
                .Select(e => e.Id)
                .ToListAsync(cancellationToken);
        }
        return stale.Count == 0 ? 0 : await ReadAsync(tenantId, stale, cancellationToken);
    }

    /// <summary>Reads one bounded batch of the tenant's due calendars; returns how many were read.</summary>
    public async Task<int> SyncDueAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            await MarkUnprocessedNotificationsAsync(db, now, cancellationToken);
            due = await Readable(db).AsNoTracking()
                .Where(e => e.NextCalendarSyncAt <= now)
                .OrderBy(e => e.NextCalendarSyncAt)
                .Take(jobs.Value.BatchSize)
                .Select(e => e.Id)
                .ToListAsync(cancellationToken);
        }
        if (due.Count == 0) return 0;
        var read = await ReadAsync(tenantId, due, cancellationToken);
        logger.LogInformation("Calendar sync for tenant {TenantId}: {Read} of {Due} calendars", tenantId, read, due.Count);
        return read;
    }

    /// <summary>
    /// A notification was accepted (the webhook marked it) and neither its data was applied nor a read was asked for since
    /// (a read after it also settles it: callers compare <c>NotifiedAt</c> with the person's <c>CalendarSyncedAt</c>).
    /// </summary>
    private static readonly Expression<Func<CalendarSyncState, bool>> UnsettledNotification = s =>
        s.NotifiedAt != null && (s.AppliedAt == null || s.AppliedAt < s.NotifiedAt) && (s.ChangedAt == null || s.ChangedAt < s.NotifiedAt);

    /// <summary>How long the webhook's queue may hold an accepted notification before it counts as lost.</summary>
    public static readonly TimeSpan NotificationProcessingGrace = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Graph does not send a notification again once the webhook answered it, and the webhook answers before the
    /// notification is processed (from memory). So a restart in between, or processing that failed, would leave the
    /// change unseen until the nightly read: calendars with a notification accepted more than
    /// <see cref="NotificationProcessingGrace"/> ago and settled by nothing since are marked changed and due now.
    /// </summary>
    private async Task MarkUnprocessedNotificationsAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var acceptedBefore = now - NotificationProcessingGrace;
        var lost = await db.CalendarSyncStates.Where(UnsettledNotification)
            .Where(s => s.NotifiedAt < acceptedBefore
                && db.Employees.Any(e => e.Id == s.EmployeeId && (e.CalendarSyncedAt == null || e.CalendarSyncedAt < s.NotifiedAt)))
            .Select(s => s.EmployeeId).Take(jobs.Value.BatchSize).ToListAsync(cancellationToken);
        if (lost.Count == 0) return;
        await db.CalendarSyncStates.Where(s => lost.Contains(s.EmployeeId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.ChangedAt, now), cancellationToken);
        await db.Employees.Where(e => lost.Contains(e.Id) && e.NextCalendarSyncAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, now), cancellationToken);
        logger.LogWarning("{Count} calendars had change notifications accepted but never processed (a restart?): marked for a read", lost.Count);
    }

    /// <summary>Reads these people's calendars now (and their mailbox settings when due), stores what changed, re-plans.</summary>
    public async Task<int> ReadAsync(Guid tenantId, IReadOnlyCollection<Guid> employeeIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var client = graph.For(tenantId);
        List<Employee> employees;
        Dictionary<Guid, CalendarSyncState> states;
        Tenant tenant;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            await EnsureStatesAsync(db, employeeIds, now, cancellationToken);
            employees = await Readable(db).AsNoTracking().Where(e => employeeIds.Contains(e.Id)).ToListAsync(cancellationToken);
            states = await db.CalendarSyncStates.AsNoTracking().Where(s => employeeIds.Contains(s.EmployeeId))
                .ToDictionaryAsync(s => s.EmployeeId, cancellationToken);
            tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, cancellationToken);
        }

        // Working hours and zone first: the window and the plan depend on them.
        var settingsReads = employees.Where(e => states[e.Id].MailboxSettingsDueAt <= now).Select(e => new MailboxSettingsRead(e.Id)).ToList();
        if (settingsReads.Count > 0)
        {
            await runner.RunAsync(client, settingsReads, jobs.Value.GraphConcurrency, cancellationToken);
            await SaveMailboxSettingsAsync(tenantId, tenant, settingsReads, employees, states, now, cancellationToken);
        }

        var reads = employees.Select(e => DeltaFor(tenantId, e, states[e.Id], now)).ToList();
        await runner.RunAsync(client, reads, jobs.Value.GraphConcurrency, cancellationToken);

        PlannerSettings settings;
        using (var scope = scopes.CreateScope())
            settings = await scope.ServiceProvider.GetRequiredService<OfferPlanning>().SettingsAsync(tenantId, cancellationToken);
        var synced = 0;
        await Parallel.ForEachAsync(employees.Zip(reads),
            new ParallelOptions { MaxDegreeOfParallelism = jobs.Value.GraphConcurrency, CancellationToken = cancellationToken },
            async (pair, ct) =>
            {
                var (employee, read) = pair;
                try
                {
                    if (read.Result is { } result)
                    {
                        await SaveAndPlanAsync(tenantId, employee, states[employee.Id], result, now, settings, ct);
                        Interlocked.Increment(ref synced);
                        Telemetry.CalendarsSynced.Add(1);
                    }
                    else
                    {
                        await RecordFailureAsync(tenantId, employee.Id, read.Failure ?? "incomplete", now, ct);
                    }
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // One person's failure must not stop the others.
                    logger.LogDebug(error, "Storing a calendar read failed");
                    await RecordFailureAsync(tenantId, employee.Id, error.GetType().Name, now, ct);
                }
            });
        return synced;
    }

    private DeltaRead DeltaFor(Guid tenantId, Employee employee, CalendarSyncState state, DateTimeOffset now)
    {
        var zone = LocalTime.Find(employee.TimeZone);
        var today = LocalTime.TodayFor(zone, now);
        var (start, end) = (LocalTime.StartOfDay(zone, today), LocalTime.StartOfDay(zone, today.AddDays(8)));
        // The stored round goes on until the window rolls; a new window (or none yet) starts a fresh round.
        var keep = state.DeltaLink is not null && state.RollWindowAt > now && state.WindowStart is not null && state.WindowEnd is not null;
        return keep
            ? new DeltaRead(tenantId, employee.Id, zone, state.DeltaLink, state.WindowStart!.Value, state.WindowEnd!.Value, hasher)
            : new DeltaRead(tenantId, employee.Id, zone, null, start, end, hasher);
    }

    private async Task SaveAndPlanAsync(Guid tenantId, Employee employee, CalendarSyncState state, CalendarRead read, DateTimeOffset now,
        PlannerSettings settings, CancellationToken cancellationToken)
    {
        var zone = LocalTime.Find(employee.TimeZone);
        var roll = read.Fresh || state.RollWindowAt <= now ? SyncSchedule.NextNight(zone, now, employee.Id) : state.RollWindowAt;
        var subscribed = state.SubscriptionId is not null && state.SubscriptionExpiresAt > now;
        // With a subscription, notifications say when to read; without one the calendar is polled.
        var next = subscribed ? Min(roll, state.MailboxSettingsDueAt) : now + jobs.Value.CalendarRefreshAfter;
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CalendarStore>()
            .SaveReadAsync(tenantId, employee.Id, read, now, roll, next, cancellationToken);
        if (!read.Fresh && read.Changed.Count == 0 && read.Removed.Count == 0) return;
        var today = LocalTime.TodayFor(zone, now);
        await scope.ServiceProvider.GetRequiredService<OfferPlanning>().PlanAsync(tenantId, employee, [today, today.AddDays(1)], settings, cancellationToken);
    }

    private async Task SaveMailboxSettingsAsync(Guid tenantId, Tenant tenant, List<MailboxSettingsRead> reads, List<Employee> employees,
        Dictionary<Guid, CalendarSyncState> snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var ids = reads.Select(r => r.Mailbox).ToList();
        var tracked = await db.Employees.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var states = await db.CalendarSyncStates.Where(s => ids.Contains(s.EmployeeId)).ToDictionaryAsync(s => s.EmployeeId, cancellationToken);
        foreach (var read in reads)
        {
            var employee = tracked[read.Mailbox];
            if (read.Settings is { } settings) MailboxSettingsMapper.Apply(settings, employee, tenant.WorkStart, tenant.WorkEnd);
            // Once a day, in the person's night; a failed read is tried again in an hour.
            states[read.Mailbox].MailboxSettingsDueAt = snapshot[read.Mailbox].MailboxSettingsDueAt = read.Settings is null
                ? now.AddHours(1)
                : SyncSchedule.NextNight(LocalTime.Find(employee.TimeZone), now, employee.Id);
        }
        await db.SaveChangesAsync(cancellationToken);
        // The reads below plan with the new hours and zone.
        for (var i = 0; i < employees.Count; i++)
            if (tracked.TryGetValue(employees[i].Id, out var updated)) employees[i] = updated;
    }

    private async Task RecordFailureAsync(Guid tenantId, Guid employeeId, string failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Tried again after the refresh interval, not at the head of the next batch, so mailboxes that always fail
        // cannot starve everyone else.
        Telemetry.CalendarSyncFailures.Add(1);
        logger.LogWarning("Calendar sync failed for one person in tenant {TenantId}: {Failure}", tenantId, failure);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var retryAt = now + jobs.Value.CalendarRefreshAfter;
        await db.Employees.Where(e => e.Id == employeeId).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, retryAt), cancellationToken);
        await db.CalendarSyncStates.Where(s => s.EmployeeId == employeeId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Failure, failure).SetProperty(x => x.FailedAt, now), cancellationToken);
    }

    /// <summary>Adds the sync-state rows people do not have yet: everything due now.</summary>
    internal static async Task EnsureStatesAsync(AppDbContext db, IReadOnlyCollection<Guid> employeeIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var missing = await db.Employees.Where(e => employeeIds.Contains(e.Id) && !db.CalendarSyncStates.Any(s => s.EmployeeId == e.Id))
            .Select(e => e.Id).ToListAsync(cancellationToken);
        if (missing.Count == 0) return;
        db.CalendarSyncStates.AddRange(missing.Select(id => new CalendarSyncState
        {
            EmployeeId = id, RollWindowAt = now, RenewSubscriptionAt = now, MailboxSettingsDueAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The people whose calendars are read at all: active, and not someone who turned breaks off.</summary>
    internal static IQueryable<Employee> Readable(AppDbContext db) =>
        db.Employees.Where(e => e.IsActive && !db.PersonSettings.Any(s => s.EmployeeId == e.Id && !s.BreaksOn));
}

/// <summary>When a person's daily work is done: in their night, spread so a tenant's people do not all go at once.</summary>
public static class SyncSchedule
{
    /// <summary>
    /// The next night after <paramref name="now"/> between 01:00 and 05:00 in the person's zone, at a minute fixed by
    /// their id. The window's roll and the mailbox-settings read share it, so one read does both.
    /// </summary>
    public static DateTimeOffset NextNight(TimeZoneInfo zone, DateTimeOffset now, Guid employeeId)
    {
        var minute = (int)((uint)employeeId.GetHashCode() % 240);
        var today = LocalTime.TodayFor(zone, now);
        for (var day = today; ; day = day.AddDays(1))
        {
            var at = LocalTime.StartOfDay(zone, day) + TimeSpan.FromMinutes(60 + minute);
            if (at > now) return at;
        }
    }
}
