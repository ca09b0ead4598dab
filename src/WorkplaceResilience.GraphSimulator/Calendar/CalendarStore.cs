namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>
/// Every user's calendar, with a tenant-wide version counter for delta queries. Readers take lock-free
/// copy-on-write snapshots; writers serialise on one lock and publish the version after the snapshot, so a
/// reader that reads <see cref="CurrentVersion"/> first always sees every change up to it.
/// </summary>
internal sealed class CalendarStore
{
    private readonly Dictionary<Guid, SimEvent[]?> calendars = [];
    private readonly Func<Guid, IEnumerable<SimEvent>> generate;
    private readonly Lock writeLock = new();
    private long version;

    /// <param name="generate">Generates a user's calendar on first access (lazily: starting a large tenant stays instant).
    /// Generated events carry version 0, "before any delta", so generating never shows up as a change.</param>
    public CalendarStore(IEnumerable<Guid> userIds, Func<Guid, IEnumerable<SimEvent>> generate)
    {
        this.generate = generate;
        foreach (var id in userIds)
        {
            calendars[id] = null;
        }
    }

    public long CurrentVersion => Volatile.Read(ref version);

    public bool HasUser(Guid userId) => calendars.ContainsKey(userId);

    private SimEvent[] Snapshot(Guid userId)
    {
        if (!calendars.ContainsKey(userId))
        {
            throw new KeyNotFoundException($"Unknown user {userId}.");
        }

        var events = Volatile.Read(ref calendars.GetValueRefOrNull(userId));
        if (events is not null)
        {
            return events;
        }

        lock (writeLock)
        {
            ref var slot = ref calendars.GetValueRefOrNull(userId);
            if (slot is null)
            {
                Volatile.Write(ref slot, generate(userId).Select(e => e with { Version = 0 }).ToArray());
            }

            return slot!;
        }
    }

    /// <summary>Live events overlapping the window, sorted by start (then id).</summary>
    public List<SimEvent> View(Guid userId, DateTimeOffset start, DateTimeOffset end) =>
        Snapshot(userId)
            .Where(e => !e.Deleted && e.Overlaps(start, end))
            .OrderBy(e => e.Start).ThenBy(e => e.End).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Events (tombstones included) changed in (since, upto], in change order.</summary>
    public List<SimEvent> ChangedBetween(Guid userId, long since, long upto) =>
        Snapshot(userId)
            .Where(e => e.Version > since && e.Version <= upto)
            .OrderBy(e => e.Version).ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

    public SimEvent? Find(Guid userId, string eventId) =>
        Snapshot(userId).FirstOrDefault(e => !e.Deleted && e.Id == eventId);

    /// <summary>Adds or replaces one event; <paramref name="change"/> gets the current live event (or null) and returns the new state.</summary>
    public SimEvent Apply(Guid userId, string eventId, Func<SimEvent?, SimEvent> change)
    {
        lock (writeLock)
        {
            var current = Snapshot(userId);
            var index = Array.FindIndex(current, e => e.Id == eventId);
            var existing = index >= 0 && !current[index].Deleted ? current[index] : null;
            var v = version + 1;
            var updated = change(existing) with { Version = v };
            var next = index >= 0 ? (SimEvent[])current.Clone() : [.. current, updated];
            if (index >= 0)
            {
                next[index] = updated;
            }

            Volatile.Write(ref calendars.GetValueRefOrNull(userId), next);
            Volatile.Write(ref version, v);
            return updated;
        }
    }
}

internal static class DictionaryRefExtensions
{
    /// <summary>Reference to a value slot of a dictionary whose key set never changes after construction.</summary>
    public static ref TValue GetValueRefOrNull<TKey, TValue>(this Dictionary<TKey, TValue> dictionary, TKey key)
        where TKey : notnull =>
        ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(dictionary, key);
}
