using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>What one read of a calendar found: a whole window (fresh round) or the changes since the last round.</summary>
/// <param name="Changed">Events added or changed, by keyed hash of their id.</param>
/// <param name="Removed">Hashes of events deleted or moved out of the window.</param>
public sealed record CalendarRead(
    bool Fresh, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, IReadOnlyDictionary<string, SyncedEvent> Changed,
    IReadOnlyCollection<string> Removed, string DeltaLink);

/// <summary>One event a change notification carried: its new state, or null when it was deleted.</summary>
public sealed record NotifiedEvent(string EventHash, SyncedEvent? Event);

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
        var holds = await CalendarHoldsAmongAsync(employeeId, read.Changed.Keys, cancellationToken);
        if (holds.Count > 0) read = read with { Changed = read.Changed.Where(c => !holds.Contains(c.Key)).ToDictionary() };
        var touched = read.Changed.Keys.Concat(read.Removed).ToList();
        var stored = await db.CalendarEntries
            .Where(c => c.EmployeeId == employeeId
                && ((read.Fresh && c.Start < read.WindowEnd && c.End > read.WindowStart) || touched.Contains(c.EventHash)))
            .ToDictionaryAsync(c => c.EventHash, cancellationToken);

        foreach (var (hash, entry) in stored)
            if (read.Removed.Contains(hash) || (read.Fresh && !read.Changed.ContainsKey(hash))) db.CalendarEntries.Remove(entry);
        foreach (var (hash, synced) in read.Changed) Store(employeeId, stored, hash, synced);

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

    /// <summary>
    /// The service's own calendar holds (Delivery/CalendarHolds.cs) are not the person's busy time: the hashes among
    /// <paramref name="hashes"/> that are holds, to leave out of both a read and a notification.
    /// </summary>
    private async Task<HashSet<string>> CalendarHoldsAmongAsync(Guid employeeId, IEnumerable<string> hashes, CancellationToken cancellationToken)
    {
        var candidates = hashes.ToList();
        if (candidates.Count == 0) return [];
        var holds = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employeeId && o.HoldEventHash != null && candidates.Contains(o.HoldEventHash))
            .Select(o => o.HoldEventHash!).ToListAsync(cancellationToken);
        return holds.ToHashSet();
    }

    /// <summary>
    /// Applies events carried by change notifications, in the order given, without a read: an event overlapping the
    /// stored window is stored (unless what is stored changed later: notifications can come out of order), one outside
    /// it or deleted is removed. Returns false, storing nothing, when the calendar has no window yet (never read).
    /// </summary>
    public async Task<bool> ApplyNotifiedAsync(Guid tenantId, Guid employeeId, IReadOnlyList<NotifiedEvent> events, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var state = await db.CalendarSyncStates.SingleAsync(s => s.EmployeeId == employeeId, cancellationToken);
        if (state.WindowStart is not { } windowStart || state.WindowEnd is not { } windowEnd) return false;
        var holds = await CalendarHoldsAmongAsync(employeeId, events.Select(e => e.EventHash), cancellationToken);
        var hashes = events.Select(e => e.EventHash).Where(h => !holds.Contains(h)).Distinct().ToList();
        var stored = await db.CalendarEntries.Where(c => c.EmployeeId == employeeId && hashes.Contains(c.EventHash))
            .ToDictionaryAsync(c => c.EventHash, cancellationToken);
        foreach (var (hash, synced) in events.Where(e => !holds.Contains(e.EventHash)))
        {
            var existing = stored.GetValueOrDefault(hash);
            if (synced is not null && existing?.LastModified is { } storedAt && synced.LastModified is { } changedAt && changedAt <= storedAt) continue;
            if (synced is not null && synced.Block.Start < windowEnd && synced.Block.End > windowStart)
                Store(employeeId, stored, hash, synced);
            else if (existing is not null)
            {
                db.CalendarEntries.Remove(existing);
                stored.Remove(hash);
            }
        }
        state.AppliedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The one place a block is stored, from a read or a notification (both leave the app's own calendar holds out
    /// first, see <see cref="CalendarHoldsAmongAsync"/>).
    /// </summary>
    private void Store(Guid employeeId, Dictionary<string, CalendarEntry> stored, string hash, SyncedEvent synced)
    {
        if (!stored.TryGetValue(hash, out var entry))
        {
            entry = new CalendarEntry { EmployeeId = employeeId, EventHash = hash };
            db.CalendarEntries.Add(entry);
            stored[hash] = entry;
        }
        var block = synced.Block;
        entry.Start = block.Start;
        entry.End = block.End;
        entry.ShowAs = (int)block.ShowAs;
        entry.IsAllDay = block.IsAllDay;
        entry.IsCancelled = block.IsCancelled;
        entry.Response = (int)block.Response;
        entry.LastModified = synced.LastModified;
    }

    public async Task<List<CalendarBlock>> BlocksAsync(Guid employeeId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await db.CalendarEntries.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId && c.Start < to && c.End > from)
            .OrderBy(c => c.Start)
            .ToListAsync(cancellationToken))
        .Select(c => new CalendarBlock(c.Start, c.End, (ShowAs)c.ShowAs, c.IsAllDay, c.IsCancelled, (ResponseStatus)c.Response))
        .ToList();
}
