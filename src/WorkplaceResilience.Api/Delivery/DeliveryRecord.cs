using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// Writes what one delivery attempt learned about the offers it holds, as soon as it is known. Every write is conditional
/// on the offer still being in the expected status under this attempt's id, so an offer the sweeper or another instance
/// took over meanwhile is left alone (and the count returned says how many this attempt still held).
/// </summary>
public sealed class DeliveryRecord(AppDbContext db, Guid attemptId)
{
    public Guid AttemptId => attemptId;

    public Task<int> ExpireAsync(IReadOnlyCollection<Guid> ids, OfferEndReason reason, OfferStatus from = OfferStatus.Sending) =>
        MoveAsync(ids, from, s => s.SetProperty(o => o.Status, OfferStatus.Expired).SetProperty(o => o.EndReason, reason));

    public Task<int> CancelAsync(IReadOnlyCollection<Guid> ids, OfferEndReason reason) =>
        MoveAsync(ids, OfferStatus.Sending, s => s.SetProperty(o => o.Status, OfferStatus.Cancelled).SetProperty(o => o.EndReason, reason));

    public Task<int> DeferAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset retryAt) =>
        MoveAsync(ids, OfferStatus.Sending, s => s.SetProperty(o => o.Status, OfferStatus.Deferred).SetProperty(o => o.NextAttemptAt, retryAt));

    /// <summary>Stores where each offer's gap ends, grouped by value (people nudged together mostly share it).</summary>
    public async Task SetGapEndsAsync(IEnumerable<(Guid Id, DateTimeOffset GapEnd)> gaps)
    {
        foreach (var group in gaps.GroupBy(g => g.GapEnd))
        {
            var ids = group.Select(g => g.Id).ToList();
            var end = group.Key;
            await MoveAsync(ids, OfferStatus.Sending, s => s.SetProperty(o => o.GapEnd, end));
        }
    }

    /// <summary>
    /// Sending → InFlight just before the Graph call, with the length actually offered; returns the offers this attempt
    /// still held (only those are sent). A crash from here on leaves InFlight, which the sweeper turns into Unconfirmed:
    /// the hand-over may have reached Graph, so it is never sent again.
    /// </summary>
    public async Task<HashSet<Guid>> HandOverAsync(IReadOnlyCollection<Guid> ids, int lengthMinutes, DateTimeOffset now)
    {
        var moved = await MoveAsync(ids, OfferStatus.Sending, s => s
            .SetProperty(o => o.Status, OfferStatus.InFlight).SetProperty(o => o.LengthMinutes, lengthMinutes).SetProperty(o => o.ClaimedAt, now));
        if (moved == ids.Count) return [.. ids];
        return [.. await db.BreakOffers.AsNoTracking()
            .Where(o => ids.Contains(o.Id) && o.Status == OfferStatus.InFlight && o.DeliveryAttemptId == attemptId)
            .Select(o => o.Id).ToListAsync()];
    }

    public Task<int> DeliveredAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset at) =>
        MoveAsync(ids, OfferStatus.InFlight, s => s.SetProperty(o => o.Status, OfferStatus.Delivered).SetProperty(o => o.DeliveredAt, at));

    /// <summary>Graph said 429: it did not take the call, so the offers are this attempt's to send again.</summary>
    public Task<int> NotTakenAsync(IReadOnlyCollection<Guid> ids) =>
        MoveAsync(ids, OfferStatus.InFlight, s => s.SetProperty(o => o.Status, OfferStatus.Sending));

    /// <summary>Graph's answer was lost (timeout, 5xx): maybe delivered. Never re-sent: a missed nudge is better than two.</summary>
    public Task<int> UnconfirmedAsync(IReadOnlyCollection<Guid> ids) =>
        MoveAsync(ids, OfferStatus.InFlight, s => s.SetProperty(o => o.Status, OfferStatus.Unconfirmed).SetProperty(o => o.EndReason, OfferEndReason.OutcomeUnknown));

    /// <summary>Claimed but not reached before the run's time was up: back to due for the next run.</summary>
    public Task<int> ReleaseAsync(IReadOnlyCollection<Guid> ids) =>
        MoveAsync(ids, OfferStatus.Sending, s => s.SetProperty(o => o.Status, OfferStatus.Planned).SetProperty(o => o.DeliveryAttemptId, (Guid?)null));

    private async Task<int> MoveAsync(IReadOnlyCollection<Guid> ids, OfferStatus from, Action<UpdateSettersBuilder<BreakOffer>> set)
    {
        if (ids.Count == 0) return 0;
        var total = 0;
        // Bounded IN lists: a long list of parameters is slow to plan and SQLite caps them.
        foreach (var chunk in ids.Chunk(500))
            total += await db.BreakOffers
                .Where(o => chunk.Contains(o.Id) && o.Status == from && o.DeliveryAttemptId == attemptId)
                .ExecuteUpdateAsync(set);
        return total;
    }
}
