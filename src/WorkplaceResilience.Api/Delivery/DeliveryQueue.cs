using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>An offer delivery decided to send now, with the length it is offered at.</summary>
public sealed record Outgoing(BreakOffer Offer, int LengthMinutes);

/// <summary>
/// The calls a delivery run makes for one batch of offers, shared by the two endpoints' lanes. Offers are grouped by
/// minute and length (one notification template each), the gap that closes soonest first, and cut into calls of up to 100
/// recipients. Full calls go to the bulk endpoint. A group's partial last call is held back while more offers are being
/// claimed (it fills up with the next batch's), unless its moment is close; meanwhile the per-user endpoint, after the
/// stragglers (groups too small for a bulk call), eats into the smallest held-back call, so that both endpoints' rates are
/// used and bulk calls leave full.
/// </summary>
public sealed class DeliveryQueue
{
    private readonly Lock gate = new();
    private readonly LinkedList<Outgoing[]> bulk = new();
    private readonly LinkedList<Outgoing> singles = new();
    private readonly List<List<Outgoing>> heldBack = [];
    private bool bulkDone;

    /// <param name="moreComing">Another batch is being claimed: partial calls may wait for it.</param>
    /// <param name="urgentBefore">A partial call whose first offer must go out before this is not held back.</param>
    /// <param name="stragglers">Groups of at most this many go through the per-user endpoint.</param>
    public DeliveryQueue(IEnumerable<Outgoing> offers, OfferTiming timing, bool moreComing, DateTimeOffset urgentBefore, int stragglers)
    {
        var calls = offers
            .GroupBy(o => (Minute: o.Offer.Start.UtcTicks / TimeSpan.TicksPerMinute, o.LengthMinutes))
            .SelectMany(g => g.OrderBy(o => o.Offer.LatestSendAt(timing)).Chunk(ActivityNotifier.MaxRecipients))
            .OrderBy(c => c[0].Offer.LatestSendAt(timing));
        foreach (var call in calls)
        {
            if (call.Length <= stragglers)
                foreach (var offer in call) singles.AddLast(offer);
            else if (call.Length == ActivityNotifier.MaxRecipients || !moreComing || call[0].Offer.LatestSendAt(timing) < urgentBefore)
                bulk.AddLast(call);
            else
                heldBack.Add([.. call]);
        }
    }

    /// <summary>The next call for the endpoint, or null when it has nothing (more) to send from this batch.</summary>
    public Outgoing[]? Take(NotificationEndpoint endpoint)
    {
        lock (gate)
        {
            if (endpoint == NotificationEndpoint.Recipients)
            {
                if (bulk.First is not { } first) return null;
                bulk.RemoveFirst();
                return first.Value;
            }
            if (singles.First is { } single)
            {
                singles.RemoveFirst();
                return [single.Value];
            }
            if (bulkDone || heldBack.Count == 0) return null;
            var smallest = heldBack.MinBy(c => c.Count)!;
            var taken = smallest[^1];
            smallest.RemoveAt(smallest.Count - 1);
            if (smallest.Count == 0) heldBack.Remove(smallest);
            return [taken];
        }
    }

    /// <summary>A call Graph refused with 429 goes first again (it is still the most urgent).</summary>
    public void Again(NotificationEndpoint endpoint, Outgoing[] call)
    {
        lock (gate)
        {
            if (endpoint == NotificationEndpoint.Recipients) bulk.AddFirst(call);
            else foreach (var offer in call.Reverse()) singles.AddFirst(offer);
        }
    }

    /// <summary>The bulk lane has sent its calls: the per-user lane stops eating into held-back calls.</summary>
    public void BulkDone()
    {
        lock (gate) bulkDone = true;
    }

    /// <summary>Whether the endpoint still has calls queued (a 429 may have put one back).</summary>
    public bool HasWork(NotificationEndpoint endpoint)
    {
        lock (gate) return endpoint == NotificationEndpoint.Recipients ? bulk.Count > 0 : singles.Count > 0;
    }

    /// <summary>What was held back and not eaten: carried into the next batch.</summary>
    public List<Outgoing> HeldBack()
    {
        lock (gate) return [.. heldBack.SelectMany(c => c)];
    }
}
