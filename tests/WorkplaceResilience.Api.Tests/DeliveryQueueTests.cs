using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Tests;

/// <summary>What goes through which activity-feed endpoint, and what waits for the next batch to fill a bulk call.</summary>
public sealed class DeliveryQueueTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly OfferTiming Timing = new(TimeSpan.FromMinutes(3));

    private static List<Outgoing> Offers(int count, int length, int gapMinutes = 30, int startMinute = 0) =>
        Enumerable.Range(0, count).Select(_ => new Outgoing(new BreakOffer
        {
            Id = Guid.NewGuid(), EmployeeId = Guid.NewGuid(), Start = At.AddMinutes(startMinute), LengthMinutes = length,
            GapEnd = At.AddMinutes(startMinute + gapMinutes),
        }, length)).ToList();

    private static List<Outgoing[]> Drain(DeliveryQueue queue, NotificationEndpoint endpoint, DateTimeOffset? urgentBefore = null)
    {
        var calls = new List<Outgoing[]>();
        while (queue.Take(endpoint, urgentBefore ?? At) is { } call) calls.Add(call);
        return calls;
    }

    private static DeliveryQueue Queue(IReadOnlyCollection<Outgoing> offers, int stragglers = 5)
    {
        var queue = new DeliveryQueue(Timing, stragglers);
        queue.Add(offers);
        return queue;
    }

    [Fact]
    public void While_more_offers_are_coming_full_calls_go_out_and_a_partial_one_waits_unless_the_per_user_lane_eats_it()
    {
        var queue = Queue([.. Offers(250, 3), .. Offers(3, 1)]);

        Assert.Equal([100, 100], Drain(queue, NotificationEndpoint.Recipients).Select(c => c.Length));
        // The per-user lane takes the stragglers (a group too small for a bulk call) first, then eats into the partial call.
        var first = Enumerable.Range(0, 5).Select(_ => queue.Take(NotificationEndpoint.User, At)!).ToList();
        Assert.All(first, c => Assert.Single(c));
        Assert.Equal([1, 1, 1, 3, 3], first.Select(c => c[0].LengthMinutes));
        Assert.Equal(48, queue.Count);
        Assert.False(queue.Finished);
    }

    [Fact]
    public void The_next_batch_fills_a_waiting_partial_call()
    {
        var queue = Queue(Offers(150, 3));
        Assert.Equal([100], Drain(queue, NotificationEndpoint.Recipients).Select(c => c.Length));
        var changed = queue.Changed;
        queue.Add(Offers(50, 3));
        Assert.True(changed.IsCompleted);
        Assert.Equal([100], Drain(queue, NotificationEndpoint.Recipients).Select(c => c.Length));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void A_partial_call_of_a_minute_before_the_newest_claimed_goes_out_since_no_later_claim_can_fill_it()
    {
        var queue = Queue([.. Offers(50, 3), .. Offers(60, 3, startMinute: 1)]);
        Assert.Equal([50], Drain(queue, NotificationEndpoint.Recipients).Select(c => c.Length));
        Assert.Equal(60, queue.Count); // the newest minute's call waits for the next batch
    }

    [Fact]
    public void Once_no_batch_is_coming_and_when_a_moment_is_close_a_partial_call_goes_out()
    {
        var last = Queue(Offers(130, 3));
        last.Complete();
        Assert.Equal([100, 30], Drain(last, NotificationEndpoint.Recipients).Select(c => c.Length));
        Assert.True(last.Finished);

        var urgent = Queue(Offers(40, 3, gapMinutes: 5));
        Assert.Empty(Drain(urgent, NotificationEndpoint.Recipients));
        Assert.Equal([40], Drain(urgent, NotificationEndpoint.Recipients, urgentBefore: At.AddMinutes(10)).Select(c => c.Length));
    }

    [Fact]
    public void The_per_user_lane_eats_the_call_that_saves_a_bulk_call_soonest_and_keeps_going_when_every_call_is_full()
    {
        var queue = Queue([.. Offers(130, 3), .. Offers(260, 5), .. Offers(200, 1)]);
        // Single offers, from the 3-minute group's last call of 30 (not the 5-minute group's 60, nor the full 1-minute calls).
        Assert.All([queue.Take(NotificationEndpoint.User, At)!, queue.Take(NotificationEndpoint.User, At)!], call => Assert.Equal(3, Assert.Single(call).LengthMinutes));
        Drain(queue, NotificationEndpoint.Recipients); // 100 of the 3-minute group, 200 of the 5-minute one, 200 of the 1-minute
        Assert.Equal(88, queue.Count); // 28 + 60 left, waiting to be filled
        var full = Queue(Offers(200, 1));
        Assert.NotNull(full.Take(NotificationEndpoint.User, At)); // nothing partial: it still takes one, from a full call
        Assert.Equal([100], Drain(full, NotificationEndpoint.Recipients).Select(c => c.Length));
    }

    [Fact]
    public void The_per_user_lane_leaves_alone_the_one_call_the_bulk_lane_sends_next_anyway()
    {
        var queue = new DeliveryQueue(Timing, stragglers: 1);
        queue.Add([.. Offers(6, 3), .. Offers(1, 5)], last: true);
        Assert.Equal(5, Assert.Single(queue.Take(NotificationEndpoint.User, At)!).LengthMinutes);
        Assert.Null(queue.Take(NotificationEndpoint.User, At));
        Assert.Equal([6], Drain(queue, NotificationEndpoint.Recipients).Select(c => c.Length));
        Assert.True(queue.Finished);
    }

    [Fact]
    public void A_throttled_call_goes_first_again()
    {
        var queue = Queue(Offers(200, 3));
        var first = queue.Take(NotificationEndpoint.Recipients, At)!;
        queue.Again(first);
        Assert.Equal(first.Select(o => o.Offer.Id), queue.Take(NotificationEndpoint.Recipients, At)!.Select(o => o.Offer.Id));
    }
}
