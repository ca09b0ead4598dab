using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models.ODataErrors;
using Hangfire;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// Sends the Teams notification for every break that is about to start. Each run first drops offers whose
/// moment has passed, then claims a bounded batch of due ones (Planned → Sending, with SKIP LOCKED on
/// PostgreSQL so clustered instances never claim the same offer), sends, and marks them Delivered.
/// A crash after the claim leaves offers in Sending; they expire rather than being sent twice.
/// A tenant whose admin pulled the kill switch (NudgesPaused) gets nothing sent from the next run on.
/// </summary>
public sealed class OfferDeliveryJob(
    IServiceScopeFactory scopes, GraphClients graph, ActivityNotifier notifier, IOptions<JobOptions> jobs, TimeProvider clock,
    ILogger<OfferDeliveryJob> logger)
{
    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) => await DeliverDueAsync(cancellationToken);

    /// <summary>Delivers due offers of every tenant this process serves; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var tenant in await scopes.ServedTenantsAsync(cancellationToken))
            sent += await DeliverDueAsync(tenant.Id, tenant.NudgesPaused, cancellationToken);
        return sent;
    }

    private async Task<int> DeliverDueAsync(Guid tenantId, bool paused, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);

        var expired = await db.BreakOffers
            .Where(o => BreakOffer.Undelivered.Contains(o.Status) && o.Start < now - jobs.Value.DeliveryGrace)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired), cancellationToken);
        Telemetry.OffersExpired.Add(expired);
        if (expired > 0) logger.LogInformation("Dropped {Count} break offers whose moment had passed", expired);
        // The kill switch: a paused tenant's offers stay Planned and expire above once their moment has passed.
        if (paused) return 0;

        var claimed = await ClaimAsync(db, tenantId, now + jobs.Value.DeliveryLead, jobs.Value.BatchSize, cancellationToken);
        if (claimed.Count == 0) return 0;
        var client = graph.For(tenantId);
        var offers = await db.BreakOffers.AsNoTracking()
            .Where(o => claimed.Contains(o.Id)).OrderBy(o => o.Start).ToListAsync(cancellationToken);

        var delivered = new List<Guid>();
        var retry = new List<Guid>();
        await Parallel.ForEachAsync(offers,
            new ParallelOptions { MaxDegreeOfParallelism = jobs.Value.GraphConcurrency, CancellationToken = cancellationToken },
            async (offer, ct) =>
            {
                try
                {
                    await notifier.SendAsync(client, offer, ct);
                    lock (delivered) delivered.Add(offer.Id);
                }
                catch (ODataError error) when (error.ResponseStatusCode is 429 or >= 500)
                {
                    lock (retry) retry.Add(offer.Id);
                }
                catch (ODataError error)
                {
                    logger.LogWarning("Break notification refused: {Status} {Code}", error.ResponseStatusCode, error.Error?.Code);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // No answer at all (network, token): the offer goes back to Planned and the next run tries again
                    // while its moment lasts, rather than the whole claimed batch being stranded in Sending.
                    logger.LogWarning("Break notification not sent: {Failure}", error.GetType().Name);
                    lock (retry) retry.Add(offer.Id);
                }
            });

        var deliveredAt = clock.GetUtcNow();
        await db.BreakOffers.Where(o => delivered.Contains(o.Id) && BreakOffer.Claimed.Contains(o.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Delivered).SetProperty(o => o.DeliveredAt, deliveredAt), cancellationToken);
        await db.BreakOffers.Where(o => retry.Contains(o.Id) && BreakOffer.Claimed.Contains(o.Status))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Planned), cancellationToken);
        var refused = offers.Count - delivered.Count - retry.Count;
        Telemetry.OffersDelivered.Add(delivered.Count);
        Telemetry.OffersExpired.Add(refused);
        if (refused > 0)
            await db.BreakOffers
                .Where(o => claimed.Contains(o.Id) && BreakOffer.Claimed.Contains(o.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired), cancellationToken);
        logger.LogInformation("Delivered {Delivered} break notifications ({Retry} to retry, {Refused} refused)",
            delivered.Count, retry.Count, refused);
        return delivered.Count;
    }

    private static async Task<List<Guid>> ClaimAsync(AppDbContext db, Guid tenantId, DateTimeOffset dueBy, int batchSize, CancellationToken cancellationToken)
    {
        // The status lists come from the offer's lifecycle (constants, not input), so they are written into the SQL.
        var claimable = string.Join(", ", BreakOffer.Claimable.Select(s => (int)s));
        var sending = (int)BreakOffer.Claimed.Single();
        var skipLocked = db.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED";
        var sql = $$"""
            UPDATE break_offers SET status = {{sending}}
            WHERE id IN (SELECT id FROM break_offers WHERE tenant_id = {2} AND status IN ({{claimable}}) AND start <= {0} ORDER BY start LIMIT {1}{{skipLocked}})
            RETURNING id AS "Value"
            """;
        object due = db.IsSqlite ? dueBy.UtcTicks : dueBy;
        return await db.Database.SqlQueryRaw<Guid>(sql, due, batchSize, tenantId).ToListAsync(cancellationToken);
    }
}
