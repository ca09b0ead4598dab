using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Tests;

/// <summary>What goes through which activity-feed endpoint, and what waits for the next batch to fill a bulk call.</summary>
public sealed class DeliveryQueueTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private static readonly OfferTiming Timing = new(TimeSpan.FromMinutes(3));

    private static List<Outgoing> Offers(int count, int length, int gapMinutes = 30) =>
        Enumerable.Range(0, count).Select(_ => new Outgoing(new BreakOffer
        {
            Id = Guid.NewGuid(), EmployeeId = Guid.NewGuid(), Start = At, LengthMinutes = length, GapEnd = At.AddMinutes(gapMinutes),
        }, length)).ToList();

    private static List<Outgoing[]> Drain(DeliveryQueue queue, NotificationEndpoint endpoint)
    {
        var calls = new List<Outgoing[]>();
        while (queue.Take(endpoint) is { } call) calls.Add(call);
        return calls;
    }

    [Fact]
    public void While_more_offers_are_coming_full_calls_go_out_and_a_partial_one_waits_unless_the_per_user_lane_eats_it()
    {
        var queue = new DeliveryQueue([.. Offers(250, 3), .. Offers(3, 1)], Timing, moreComing: true, urgentBefore: At, stragglers: 5);

        Assert.Equal([100, 100], Drain(queue, NotificationEndpoint.Recipients).Select(c => c.Length));
        // The per-user lane takes the stragglers (a group too small for a bulk call) first, then eats into the held-back call.
        var first = Enumerable.Range(0, 5).Select(_ => queue.Take(NotificationEndpoint.User)!).ToList();
        Assert.All(first, c => Assert.Single(c));
        Assert.Equal([1, 1, 1, 3, 3], first.Select(c => c[0].LengthMinutes));
        queue.BulkDone();
        Assert.Null(queue.Take(NotificationEndpoint.User));
        Assert.Equal(48, queue.HeldBack().Count);
    }

    [Fact]
    public void The_last_batch_and_a_partial_call_whose_moment_is_close_go_out_at_once()
    {
        var last = new DeliveryQueue(Offers(130, 3), Timing, moreComing: false, urgentBefore: At, stragglers: 5);
        Assert.Equal([100, 30], Drain(last, NotificationEndpoint.Recipients).Select(c => c.Length));
        Assert.Empty(last.HeldBack());

        var urgent = new DeliveryQueue(Offers(40, 3, gapMinutes: 5), Timing, moreComing: true, urgentBefore: At.AddMinutes(10), stragglers: 5);
        Assert.Equal([40], Drain(urgent, NotificationEndpoint.Recipients).Select(c => c.Length));
    }

    [Fact]
    public void A_throttled_call_goes_first_again()
    {
        var queue = new DeliveryQueue(Offers(200, 3), Timing, moreComing: false, urgentBefore: At, stragglers: 5);
        var first = queue.Take(NotificationEndpoint.Recipients)!;
        queue.Again(NotificationEndpoint.Recipients, first);
        Assert.Same(first, queue.Take(NotificationEndpoint.Recipients));
    }
}
