using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>Stores a person's calendar blocks: times and flags only, keyed by the hashed event id.</summary>
public sealed class CalendarStore(AppDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Infrastructure.JobOptions> jobs)
{
    /// <summary>
    /// Makes the stored blocks overlapping [from, to) exactly the ones just read, and schedules the next read.
    /// One transaction: a crash leaves either the old window or the new one, never half of each.
    /// </summary>
    public async Task ReplaceWindowAsync(
        Guid tenantId, Guid employeeId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<SyncedEvent> events,
        CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var fresh = events.GroupBy(e => e.EventHash).ToDictionary(g => g.Key, g => g.First().Block);
        var freshHashes = fresh.Keys.ToList();
        // Stored rows in the window, plus rows of events that moved into it from elsewhere.
        var stored = await db.CalendarEntries
            .Where(c => c.EmployeeId == employeeId && ((c.Start < to && c.End > from) || freshHashes.Contains(c.EventHash)))
            .ToDictionaryAsync(c => c.EventHash, cancellationToken);

        foreach (var (hash, entry) in stored)
            if (!fresh.ContainsKey(hash)) db.CalendarEntries.Remove(entry);
        foreach (var (hash, block) in fresh)
        {
            if (!stored.TryGetValue(hash, out var entry))
            {
                entry = new CalendarEntry { EmployeeId = employeeId, EventHash = hash };
                db.CalendarEntries.Add(entry);
            }
            entry.Start = block.Start;
            entry.End = block.End;
            entry.ShowAs = (int)block.ShowAs;
            entry.IsAllDay = block.IsAllDay;
            entry.IsCancelled = block.IsCancelled;
            entry.Response = (int)block.Response;
        }

        var employee = await db.Employees.SingleAsync(e => e.Id == employeeId, cancellationToken);
        var now = clock.GetUtcNow();
        employee.CalendarSyncedAt = now;
        employee.NextCalendarSyncAt = now + jobs.Value.CalendarRefreshAfter;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<List<CalendarBlock>> BlocksAsync(Guid employeeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await db.CalendarEntries.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId && c.Start < to && c.End > from)
            .OrderBy(c => c.Start)
            .ToListAsync(cancellationToken))
        .Select(c => new CalendarBlock(c.Start, c.End, (ShowAs)c.ShowAs, c.IsAllDay, c.IsCancelled, (ResponseStatus)c.Response))
        .ToList();
}
