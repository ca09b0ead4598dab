using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>An offer delivery decided to send now, with the length it is offered at and when (on the run's stopwatch) it was claimed.</summary>
public sealed record Outgoing(BreakOffer Offer, int LengthMinutes, TimeSpan ClaimedAt = default);

/// <summary>
/// What a tenant's delivery run still has to send, fed batch by batch while both endpoints' lanes take calls from it.
/// Offers wait per notification template (minute × length), the gap that closes soonest first. The bulk lane takes the
/// most urgent group's next 100; a group with fewer waits for the next batch to fill it, unless its moment is close, no
/// batch is coming, or its minute is older than the newest claimed (claims come in order of start). The per-user lane
/// takes stragglers (groups too small for a bulk call) first, then eats from the tail of the group furthest from a full
/// call, so that both endpoints' rates are used throughout and bulk calls leave full.
/// </summary>
public sealed class DeliveryQueue(OfferTiming timing, int stragglers)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(long Minute, int Length), List<Outgoing>> groups = [];
    private TaskCompletionSource changed = NewSignal();
    private bool complete;
    private int count;
    /// <summary>Claims come in order of start: a group of an earlier minute than the newest claimed gets no more offers.</summary>
    private long newestMinute = long.MinValue;

    /// <summary>Offers waiting to be taken.</summary>
    public int Count
    {
        get { lock (gate) return count; }
    }

    /// <summary>No batch is coming and nothing waits: the lanes are done once their calls are answered.</summary>
    public bool Finished
    {
        get { lock (gate) return complete && count == 0; }
    }

    /// <summary>Completes at the next change (offers added or taken, no more batches): take it before looking, then wait on it.</summary>
    public Task Changed
    {
        get { lock (gate) return changed.Task; }
    }

    /// <param name="last">No batch comes after this one (set together, so no lane sees the last batch as waiting for more).</param>
    public void Add(IReadOnlyCollection<Outgoing> offers, bool last = false)
    {
        lock (gate)
        {
            complete |= last;
            if (offers.Count > 0) newestMinute = Math.Max(newestMinute, offers.Max(o => Key(o).Minute));
            foreach (var batch in offers.GroupBy(Key))
            {
                var waiting = groups.GetValueOrDefault(batch.Key) ?? [];
                groups[batch.Key] = [.. waiting.Concat(batch).OrderBy(o => o.Offer.LatestSendAt(timing))]; // stable: earlier ones first among equals
                count += groups[batch.Key].Count - waiting.Count;
            }
            Signal();
        }
    }

    /// <summary>A call Graph refused with 429 goes back, ahead of offers as urgent as its own.</summary>
    public void Again(Outgoing[] call)
    {
        lock (gate)
        {
            foreach (var offer in call.Reverse())
            {
                if (!groups.TryGetValue(Key(offer), out var group)) groups[Key(offer)] = group = [];
                var due = offer.Offer.LatestSendAt(timing);
                var at = group.FindIndex(o => o.Offer.LatestSendAt(timing) >= due);
                group.Insert(at < 0 ? group.Count : at, offer);
                count++;
            }
            Signal();
        }
    }

    private static (long Minute, int Length) Key(Outgoing offer) => (offer.Offer.Start.UtcTicks / TimeSpan.TicksPerMinute, offer.LengthMinutes);

    /// <summary>No more batches this run: partial calls go out as they are.</summary>
    public void Complete()
    {
        lock (gate)
        {
            complete = true;
            Signal();
        }
    }

    /// <summary>The next call for the endpoint, or null when it has nothing to send now.</summary>
    /// <param name="urgentBefore">A partial group whose first offer must go out before this is sent without waiting to fill up.</param>
    public Outgoing[]? Take(NotificationEndpoint endpoint, DateTimeOffset urgentBefore)
    {
        lock (gate)
        {
            var call = endpoint == NotificationEndpoint.Recipients ? TakeBulk(urgentBefore) : TakeSingle(urgentBefore);
            if (call is not null)
            {
                count -= call.Length;
                Signal();
            }
            return call;
        }
    }

    private Outgoing[]? TakeBulk(DateTimeOffset urgentBefore)
    {
        var eligible = groups.Where(g => BulkCalls(g, urgentBefore) > 0).OrderBy(g => First(g.Value)).FirstOrDefault();
        if (eligible.Value is not { } group) return null;
        var size = Math.Min(ActivityNotifier.MaxRecipients, group.Count);
        var call = group.GetRange(0, size).ToArray();
        group.RemoveRange(0, size);
        if (group.Count == 0) groups.Remove(eligible.Key);
        return call;
    }

    /// <summary>
    /// Bulk calls the group has ready: its full ones, and its partial one too when no batch could fill it (none is coming,
    /// or the group's minute is older than the newest claimed) or its moment is close.
    /// </summary>
    private int BulkCalls(KeyValuePair<(long Minute, int Length), List<Outgoing>> entry, DateTimeOffset urgentBefore)
    {
        var group = entry.Value;
        if (group.Count <= stragglers) return 0;
        var partialToo = complete || entry.Key.Minute < newestMinute || First(group) < urgentBefore;
        return partialToo ? (group.Count + ActivityNotifier.MaxRecipients - 1) / ActivityNotifier.MaxRecipients : group.Count / ActivityNotifier.MaxRecipients;
    }

    private Outgoing[]? TakeSingle(DateTimeOffset urgentBefore)
    {
        var straggler = groups.Where(g => g.Value.Count <= stragglers).OrderBy(g => First(g.Value)).FirstOrDefault();
        if (straggler.Value is { } few)
        {
            var first = few[0];
            few.RemoveAt(0);
            if (few.Count == 0) groups.Remove(straggler.Key);
            return [first];
        }
        // The group whose last call is smallest (a whole number of calls counts as the largest remainder): eating it
        // saves a bulk call soonest. Its least urgent offer goes. Only while the bulk lane has more than a call ready, or
        // from a call it is not ready to send: otherwise the bulk lane would send that call now anyway.
        var bulkReady = groups.Sum(g => BulkCalls(g, urgentBefore));
        var tail = groups.Where(g => bulkReady > 1 || BulkCalls(g, urgentBefore) == 0)
            .OrderBy(g => Remainder(g.Value.Count)).ThenByDescending(g => First(g.Value)).FirstOrDefault();
        if (tail.Value is not { } group) return null;
        var last = group[^1];
        group.RemoveAt(group.Count - 1);
        if (group.Count == 0) groups.Remove(tail.Key);
        return [last];

        static int Remainder(int n) => n % ActivityNotifier.MaxRecipients is var r && r == 0 ? ActivityNotifier.MaxRecipients : r;
    }

    private DateTimeOffset First(List<Outgoing> group) => group[0].Offer.LatestSendAt(timing);

    private void Signal()
    {
        var was = changed;
        changed = NewSignal();
        was.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
