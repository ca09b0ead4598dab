using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Hangfire;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// Nudges people whose break gap has opened. Each run sweeps first (expires offers whose moment passed, takes back offers
/// a stopped attempt left behind), then, while its time lasts, claims a bounded batch of due offers under a new attempt id
/// (SKIP LOCKED on PostgreSQL, so clustered instances never claim the same offer) and for that batch: re-checks the
/// calendar (<see cref="DeliveryCalendarCheck"/>), reads presence in bulk, decides per offer (the offer's own
/// <see cref="BreakOffer.DecideDelivery"/>), and sends the rest in bulk, grouped by minute and length, the gap that closes
/// soonest first, paced to the tenant's Graph rate. Each call's outcome is written as soon as it is known.
/// A tenant whose admin pulled the kill switch (NudgesPaused) gets nothing sent from the next run on.
/// </summary>
public sealed class OfferDeliveryJob(
    IServiceScopeFactory scopes, GraphClients graph, ActivityNotifier notifier, NotificationPacer pacer, IOptions<JobOptions> jobs,
    TimeProvider clock, ILogger<OfferDeliveryJob> logger)
{
    private OfferTiming Timing => new(jobs.Value.DeliveryGrace);

    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) => await DeliverDueAsync(cancellationToken);

    /// <summary>Delivers due offers of every tenant this process serves; returns how many people were nudged.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // Real time, not the service clock: the run must end well before the sweeper would take its claims back.
        var budget = Stopwatch.StartNew();
        var limit = TimeSpan.FromTicks(Math.Min(jobs.Value.DeliveryJobEvery.Ticks * 4, jobs.Value.DeliveryClaimTimeout.Ticks / 2));
        var sent = 0;
        foreach (var tenant in await scopes.ServedTenantsAsync(cancellationToken))
        {
            await SweepAsync(tenant.Id, tenant.NudgesPaused, cancellationToken);
            if (tenant.NudgesPaused) continue; // the kill switch: offers stay unsent and expire once their moment passed
            if (notifier.TeamsAppId is null)
            {
                logger.LogError("No nudge is sent: Graph:TeamsAppId is not set to the Teams app's id (the notification's deep link needs it)");
                continue;
            }
            // A pipeline: while one batch is being sent (paced, so mostly waiting on Graph's rate), the next one is claimed,
            // its calendars and presence checked; its sends start once the previous batch's are done.
            Task<int>? sending = null;
            while (budget.Elapsed < limit)
            {
                (Guid AttemptId, List<Outgoing> ToSend)? batch;
                try
                {
                    batch = await PrepareBatchAsync(tenant.Id, cancellationToken);
                }
                catch when (sending is not null)
                {
                    await sending; // the run ends with its sends, never leaving them running behind it
                    throw;
                }
                if (sending is not null) sent += await sending;
                sending = null;
                if (batch is null) break;
                sending = SendAsync(tenant.Id, batch.Value.AttemptId, batch.Value.ToSend, budget, limit, cancellationToken);
            }
            if (sending is not null) sent += await sending;
        }
        return sent;
    }

    /// <summary>Ends offers whose moment passed and takes back what stopped attempts left in Sending or InFlight.</summary>
    public async Task SweepAsync(Guid tenantId, bool paused, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var now = clock.GetUtcNow();
        var unknownGapBefore = now - Timing.Grace;
        var closingBy = now.AddMinutes(BreakOffer.Lengths[0]);
        var passed = db.BreakOffers.Where(o => o.GapEnd == null ? o.Start < unknownGapBefore : o.GapEnd < closingBy);
        var expired = await passed.Where(o => o.Status == OfferStatus.Planned || o.Status == OfferStatus.Snoozed)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired)
                .SetProperty(o => o.EndReason, paused ? OfferEndReason.NudgesPaused : OfferEndReason.MomentPassed), cancellationToken);
        expired += await passed.Where(o => o.Status == OfferStatus.Deferred)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired)
                .SetProperty(o => o.EndReason, paused ? OfferEndReason.NudgesPaused : OfferEndReason.PersonBusy), cancellationToken);

        // A claim older than the timeout belongs to an attempt that stopped. Not handed to Graph yet: due again while the
        // gap lasts. Handed over: maybe delivered, so Unconfirmed and never sent again.
        var abandonedBefore = now - jobs.Value.DeliveryClaimTimeout;
        var abandoned = db.BreakOffers.Where(o => o.ClaimedAt < abandonedBefore);
        expired += await abandoned.Where(o => o.Status == OfferStatus.Sending)
            .Where(o => o.GapEnd == null ? o.Start < unknownGapBefore : o.GapEnd < closingBy)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired).SetProperty(o => o.EndReason, OfferEndReason.AttemptAbandoned), cancellationToken);
        var returned = await abandoned.Where(o => o.Status == OfferStatus.Sending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Planned).SetProperty(o => o.DeliveryAttemptId, (Guid?)null), cancellationToken);
        var unconfirmed = await abandoned.Where(o => o.Status == OfferStatus.InFlight)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Unconfirmed).SetProperty(o => o.EndReason, OfferEndReason.OutcomeUnknown), cancellationToken);
        Telemetry.OffersExpired.Add(expired);
        if (expired + returned + unconfirmed > 0)
            logger.LogInformation("Delivery sweep: {Expired} expired, {Returned} stopped attempts' offers due again, {Unconfirmed} unconfirmed",
                expired, returned, unconfirmed);
    }

    /// <summary>Claims a batch and settles every offer in it that is not to be sent now; returns the ones to send (null: nothing was due).</summary>
    private async Task<(Guid AttemptId, List<Outgoing> ToSend)?> PrepareBatchAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var record = new DeliveryRecord(db, Guid.NewGuid());
        var now = clock.GetUtcNow();
        var claimed = await ClaimAsync(db, tenantId, record.AttemptId, now, jobs.Value.DeliveryBatchSize, cancellationToken);
        if (claimed.Count == 0) return null;
        var offers = new List<BreakOffer>();
        foreach (var chunk in claimed.Chunk(500))
            offers.AddRange(await db.BreakOffers.AsNoTracking().Where(o => chunk.Contains(o.Id)).ToListAsync(cancellationToken));

        var people = offers.Select(o => o.EmployeeId).ToHashSet();
        var gaps = await scope.ServiceProvider.GetRequiredService<DeliveryCalendarCheck>().EnsureFreshCalendarsAsync(tenantId, people, cancellationToken);
        foreach (var offer in offers) offer.GapEnd = gaps[offer.EmployeeId].GapEndFor(offer);
        await record.SetGapEndsAsync(offers.Select(o => (o.Id, o.GapEnd!.Value)));

        var client = graph.For(tenantId);
        var open = offers.Where(o => !gaps[o.EmployeeId].MeetingNow).Select(o => o.EmployeeId).ToHashSet();
        var (busy, _) = await PresenceCheck.BusyPeopleAsync(client, open, logger, cancellationToken);

        now = clock.GetUtcNow();
        var decisions = offers.Select(o => (Offer: o, Decision: o.DecideDelivery(
            now, Timing, gaps[o.EmployeeId].MeetingNow, busy.Contains(o.EmployeeId), jobs.Value.PresenceRetryAfter))).ToList();
        foreach (var group in decisions.Where(d => d.Decision.Step is DeliveryStep.Expire or DeliveryStep.Cancel)
                     .GroupBy(d => (d.Decision.Step, d.Decision.Reason)))
        {
            var ids = group.Select(d => d.Offer.Id).ToList();
            if (group.Key.Step == DeliveryStep.Cancel) await record.CancelAsync(ids, group.Key.Reason);
            else Telemetry.OffersExpired.Add(await record.ExpireAsync(ids, group.Key.Reason));
        }
        foreach (var group in decisions.Where(d => d.Decision.Step == DeliveryStep.Defer).GroupBy(d => d.Decision.RetryAt!.Value))
            await record.DeferAsync(group.Select(d => d.Offer.Id).ToList(), group.Key);

        var toSend = decisions.Where(d => d.Decision.Step == DeliveryStep.Send)
            .Select(d => new Outgoing(d.Offer, d.Decision.LengthMinutes)).ToList();
        logger.LogInformation("Delivery batch: {Claimed} claimed, {Send} to send, {Busy} busy, {Other} expired or cancelled",
            claimed.Count, toSend.Count, decisions.Count(d => d.Decision.Step == DeliveryStep.Defer),
            decisions.Count(d => d.Decision.Step is DeliveryStep.Expire or DeliveryStep.Cancel));
        return (record.AttemptId, toSend);
    }

    private sealed record Outgoing(BreakOffer Offer, int LengthMinutes);

    /// <summary>
    /// Groups by minute and length (one notification template each), the gap that closes soonest first; full groups go to the
    /// bulk endpoint, stragglers to the per-user one, both lanes at once, each paced to its own rate.
    /// </summary>
    private async Task<int> SendAsync(Guid tenantId, Guid attempt, List<Outgoing> toSend, Stopwatch budget, TimeSpan limit,
        CancellationToken cancellationToken)
    {
        var client = graph.For(tenantId);
        var batches = toSend
            .GroupBy(o => (Minute: o.Offer.Start.UtcTicks / TimeSpan.TicksPerMinute, o.LengthMinutes))
            .SelectMany(g => g.OrderBy(o => o.Offer.LatestSendAt(Timing)).Chunk(ActivityNotifier.MaxRecipients))
            .OrderBy(b => b.Min(o => o.Offer.LatestSendAt(Timing)))
            .ToList();
        var bulk = batches.Where(b => b.Length > jobs.Value.StragglerBatchSize).ToList();
        var single = batches.Where(b => b.Length <= jobs.Value.StragglerBatchSize).SelectMany(b => b).Select(o => new[] { o }).ToList();
        // Each lane writes through its own context: a DbContext is not for two threads.
        var lanes = new[] { (NotificationEndpoint.Recipients, bulk), (NotificationEndpoint.User, single) }.Select(async lane =>
        {
            using var scope = scopes.CreateScope();
            var laneRecord = new DeliveryRecord(scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId), attempt);
            var nudged = 0;
            foreach (var batch in lane.Item2)
            {
                if (budget.Elapsed >= limit)
                {
                    await laneRecord.ReleaseAsync(batch.Select(o => o.Offer.Id).ToList());
                    continue;
                }
                nudged += await SendBatchAsync(tenantId, client, laneRecord, lane.Item1, batch, cancellationToken);
            }
            return nudged;
        }).ToList();
        return (await Task.WhenAll(lanes)).Sum();
    }

    /// <summary>One Graph call for the batch (retried after a 429 once Retry-After passed, while the moment lasts).</summary>
    private async Task<int> SendBatchAsync(Guid tenantId, GraphServiceClient client, DeliveryRecord record, NotificationEndpoint endpoint,
        Outgoing[] batch, CancellationToken cancellationToken)
    {
        var pending = batch.ToList();
        while (pending.Count > 0)
        {
            using var turn = await pacer.EnterAsync(tenantId, endpoint, cancellationToken);
            var now = clock.GetUtcNow();
            var late = pending.Where(o => now > o.Offer.LatestSendAt(Timing)).Select(o => o.Offer.Id).ToList();
            Telemetry.OffersExpired.Add(await record.ExpireAsync(late, OfferEndReason.MomentPassed));
            pending.RemoveAll(o => late.Contains(o.Offer.Id));
            if (pending.Count == 0) return 0;

            var length = pending[0].LengthMinutes;
            var held = await record.HandOverAsync(pending.Select(o => o.Offer.Id).ToList(), length, now);
            pending.RemoveAll(o => !held.Contains(o.Offer.Id));
            if (pending.Count == 0) return 0;
            var ids = pending.Select(o => o.Offer.Id).ToList();
            try
            {
                await turn.WaitUntilDueAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await record.NotTakenAsync(ids); // shutting down before the call: nothing reached Graph
                throw;
            }
            try
            {
                if (endpoint == NotificationEndpoint.Recipients)
                    await notifier.SendToRecipientsAsync(client, pending.Select(o => o.Offer.EmployeeId).ToList(), length, cancellationToken);
                else
                    await notifier.SendToUserAsync(client, pending[0].Offer.EmployeeId, pending[0].Offer.Id, length, cancellationToken);
            }
            catch (ODataError error) when (error.ResponseStatusCode == 429)
            {
                turn.Throttled(RetryAfter(error));
                Telemetry.GraphThrottled.Add(1, new KeyValuePair<string, object?>("route", endpoint.ToString()));
                await record.NotTakenAsync(ids);
                continue;
            }
            catch (ODataError error) when (error.ResponseStatusCode is >= 400 and < 500)
            {
                logger.LogWarning("Break notification refused: {Status} {Code}", error.ResponseStatusCode, error.Error?.Code);
                Telemetry.OffersExpired.Add(await record.ExpireAsync(ids, OfferEndReason.Refused, from: OfferStatus.InFlight));
                return 0;
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // 5xx, a timeout or a broken connection after the hand-over: Graph may have taken it. Not sent again.
                logger.LogWarning("Break notification outcome unknown ({Failure}); not sent again", Describe(error));
                await record.UnconfirmedAsync(ids);
                return 0;
            }
            var delivered = await record.DeliveredAsync(ids, clock.GetUtcNow());
            Telemetry.OffersDelivered.Add(delivered);
            return delivered;
        }
        return 0;
    }

    private static TimeSpan RetryAfter(ODataError error)
    {
        if (error.ResponseHeaders.TryGetValue("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), out var seconds) && seconds > 0)
            return TimeSpan.FromSeconds(Math.Min(seconds, 60));
        return TimeSpan.FromSeconds(1);
    }

    private static string Describe(Exception error) => error is ODataError graphError
        ? $"Graph {graphError.ResponseStatusCode} {graphError.Error?.Code}"
        : error.GetType().Name;

    private static async Task<List<Guid>> ClaimAsync(AppDbContext db, Guid tenantId, Guid attemptId, DateTimeOffset now, int batchSize,
        CancellationToken cancellationToken)
    {
        // The status lists come from the offer's lifecycle (constants, not input), so they are written into the SQL.
        var claimable = string.Join(", ", BreakOffer.Claimable.Select(s => (int)s));
        var sending = (int)OfferStatus.Sending;
        var skipLocked = db.IsSqlite ? "" : " FOR UPDATE SKIP LOCKED";
        var sql = $$"""
            UPDATE break_offers SET status = {{sending}}, delivery_attempt_id = {3}, claimed_at = {0}
            WHERE id IN (SELECT id FROM break_offers WHERE tenant_id = {2} AND status IN ({{claimable}}) AND start <= {0}
                AND (next_attempt_at IS NULL OR next_attempt_at <= {0}) ORDER BY start LIMIT {1}{{skipLocked}})
            RETURNING id AS "Value"
            """;
        object at = db.IsSqlite ? now.UtcTicks : now;
        return await db.Database.SqlQueryRaw<Guid>(sql, at, batchSize, tenantId, attemptId).ToListAsync(cancellationToken);
    }
}
