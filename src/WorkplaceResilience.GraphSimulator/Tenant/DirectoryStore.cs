namespace WorkplaceResilience.GraphSimulator.Tenant;

/// <summary>A user's directory record as it is now (what <c>users</c> and <c>users/delta</c> return beyond the profile).</summary>
/// <param name="Version">The store version of the user's last change; <c>users/delta</c> rounds report versions after their token's.</param>
/// <param name="PreviousManagerId">The manager before the last change: when it differs, a round carries <c>manager@delta</c>.</param>
internal sealed record DirectoryEntry(
    Guid Id, string Department, string OfficeLocation, string Country, bool AccountEnabled, Guid? ManagerId, bool Deleted,
    long Version, Guid? PreviousManagerId)
{
    public bool ManagerChanged => ManagerId != PreviousManagerId;
}

/// <summary>
/// The simulated directory: each user's department, office, country, sign-in state and manager, versioned so that
/// <c>users/delta</c> can say what changed since a token. Deleted users stay as tombstones (reported as <c>@removed</c>).
/// </summary>
internal sealed class DirectoryStore
{
    private readonly Lock gate = new();
    private readonly List<Guid> order;
    private readonly Dictionary<Guid, DirectoryEntry> entries;
    private long version;

    public DirectoryStore(IEnumerable<DemoUser> users)
    {
        var list = users.ToList();
        order = list.Select(u => u.Id).ToList();
        entries = list.ToDictionary(u => u.Id, u => new DirectoryEntry(u.Id, u.Department, u.OfficeLocation, u.Country, true, u.ManagerId, false, 0, u.ManagerId));
    }

    public long CurrentVersion
    {
        get { lock (gate) return version; }
    }

    public DirectoryEntry? Find(Guid id)
    {
        lock (gate) return entries.GetValueOrDefault(id);
    }

    /// <summary>Users present now, in the directory's order.</summary>
    public IReadOnlyList<DirectoryEntry> Present()
    {
        lock (gate) return order.Select(id => entries[id]).Where(e => !e.Deleted).ToList();
    }

    /// <summary>Up to <paramref name="take"/> present users from a position in the directory's order (a deletion
    /// between pages shifts nobody); the position after them, or null at the end.</summary>
    public (IReadOnlyList<DirectoryEntry> Page, int? Next) Page(int position, int take)
    {
        lock (gate)
        {
            var page = new List<DirectoryEntry>();
            while (position < order.Count && page.Count < take)
            {
                var entry = entries[order[position++]];
                if (!entry.Deleted) page.Add(entry);
            }
            return (page, position < order.Count ? position : null);
        }
    }

    /// <summary>Up to <paramref name="take"/> users whose last change is after <paramref name="since"/> and at most
    /// <paramref name="upto"/>, oldest change first.</summary>
    public IReadOnlyList<DirectoryEntry> ChangedBetween(long since, long upto, int take)
    {
        lock (gate) return entries.Values.Where(e => e.Version > since && e.Version <= upto).OrderBy(e => e.Version).Take(take).ToList();
    }

    public void Change(Guid id, Func<DirectoryEntry, DirectoryEntry> change)
    {
        lock (gate)
        {
            var before = entries.TryGetValue(id, out var entry) ? entry : throw new KeyNotFoundException($"No user {id} in the simulated directory.");
            var after = change(before);
            entries[id] = after with { Version = ++version, PreviousManagerId = before.ManagerId };
        }
    }
}
