using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>What one read of a calendar found: a whole window (fresh round) or the changes since the last round.</summary>
/// <param name="Changed">Events added or changed, by keyed hash of their id.</param>
/// <param name="Removed">Hashes of events deleted or moved out of the window.</param>
public sealed record CalendarRead(
    bool Fresh, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, IReadOnlyDictionary<string, CalendarBlock> Changed,
    IReadOnlyCollection<string> Removed, string DeltaLink);

/// <summary>Stores a person's calendar blocks: times and flags only, keyed by the hashed event id.</summary>
public sealed class CalendarStore(AppDbContext db)
{
    /// <summary>
    /// Applies a read and records the new delta link and when the calendar is read next, in one transaction: a crash
    /// leaves either the old state (and the old delta link, so the changes are read again) or the new one.
    /// A fresh round makes the stored blocks overlapping its window exactly the ones read; a delta round upserts the
    /// changed events and deletes the removed ones.
    /// </summary>
    public async Task SaveReadAsync(
        Guid tenantId, Guid employeeId, CalendarRead read, DateTimeOffset readStartedAt, DateTimeOffset rollWindowAt, DateTimeOffset nextReadAt,
        CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        read = await WithoutCalendarHoldsAsync(employeeId, read, cancellationToken);
        var touched = read.Changed.Keys.Concat(read.Removed).ToList();
        var stored = await db.CalendarEntries
            .Where(c => c.EmployeeId == employeeId
                && ((read.Fresh && c.Start < read.WindowEnd && c.End > read.WindowStart) || touched.Contains(c.EventHash)))
            .ToDictionaryAsync(c => c.EventHash, cancellationToken);

        foreach (var (hash, entry) in stored)
            if (read.Removed.Contains(hash) || (read.Fresh && !read.Changed.ContainsKey(hash))) db.CalendarEntries.Remove(entry);
        foreach (var (hash, block) in read.Changed)
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
        var state = await db.CalendarSyncStates.SingleAsync(s => s.EmployeeId == employeeId, cancellationToken);
        employee.CalendarSyncedAt = readStartedAt;
        // A notification that arrived while this read ran may not be in it: then the calendar stays due.
        employee.NextCalendarSyncAt = state.ChangedAt > readStartedAt ? readStartedAt : nextReadAt;
        state.DeltaLink = read.DeltaLink;
        state.WindowStart = read.WindowStart;
        state.WindowEnd = read.WindowEnd;
        state.RollWindowAt = rollWindowAt;
        state.Failure = null;
        state.FailedAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The service's own calendar holds (Delivery/CalendarHolds.cs) are not the person's busy time: left out by their stored hash.</summary>
    private async Task<CalendarRead> WithoutCalendarHoldsAsync(Guid employeeId, CalendarRead read, CancellationToken cancellationToken)
    {
        var holds = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employeeId && o.HoldEventHash != null && read.Changed.Keys.Contains(o.HoldEventHash))
            .Select(o => o.HoldEventHash!).ToListAsync(cancellationToken);
        return holds.Count == 0 ? read : read with { Changed = read.Changed.Where(c => !holds.Contains(c.Key)).ToDictionary() };
    }

    public async Task<List<CalendarBlock>> BlocksAsync(Guid employeeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await db.CalendarEntries.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId && c.Start < to && c.End > from)
            .OrderBy(c => c.Start)
            .ToListAsync(cancellationToken))
        .Select(c => new CalendarBlock(c.Start, c.End, (ShowAs)c.ShowAs, c.IsAllDay, c.IsCancelled, (ResponseStatus)c.Response))
        .ToList();
}
