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
/// Nudges people whose break gap has opened. Each run, for up to four tenants at once, sweeps first (expires offers whose
/// moment passed, takes back offers a stopped attempt left behind), then claims bounded batches of due offers under a new
/// attempt id (SKIP LOCKED on PostgreSQL, so clustered instances never claim the same offer) while a backlog lasts, and
/// for each batch: re-checks the calendar (<see cref="DeliveryCalendarCheck"/>), reads presence in bulk, decides per
/// offer (the offer's own <see cref="BreakOffer.DecideDelivery"/>), and queues the rest for sending in bulk, grouped by
/// minute and length, the gap that closes soonest first, paced to the tenant's Graph rate (<see cref="DeliveryQueue"/>).
/// Each call's outcome is written as soon as it is known. A tenant whose admin pulled the kill switch (NudgesPaused) gets
/// nothing sent from the next run on. One instance sends for a tenant at a time (<see cref="DeliveryLease"/>); the others
/// only sweep.
/// </summary>
public sealed class OfferDeliveryJob(
    IServiceScopeFactory scopes, GraphClients graph, ActivityNotifier notifier, NotificationPacer pacer, DeliveryLease lease, CalendarHolds holds,
    IOptions<JobOptions> jobs,
    TimeProvider clock, ILogger<OfferDeliveryJob> logger)
{
    private OfferTiming Timing => new(jobs.Value.DeliveryGrace);

    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken) => await DeliverDueAsync(cancellationToken);

    /// <summary>Delivers due offers of every tenant this process serves; returns how many people were nudged.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        // Tenants side by side: Graph's rates are per tenant, so one tenant's rush never holds back another's nudges.
        var sent = 0;
        var failures = new List<Exception>();
        await Parallel.ForEachAsync(await scopes.ServedTenantsAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = TenantsAtOnce, CancellationToken = cancellationToken },
            async (tenant, token) =>
            {
                try
                {
                    Interlocked.Add(ref sent, await DeliverForTenantAsync(tenant.Id, tenant.NudgesPaused, token));
                }
                catch (Exception error) when (error is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    lock (failures) failures.Add(error);
                }
            });
        if (failures.Count > 0) throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        return sent;
    }

    /// <summary>Tenants one process delivers for at once (each opens a few database connections while it sends).</summary>
    private const int TenantsAtOnce = 4;

    private async Task<int> DeliverForTenantAsync(Guid tenantId, bool nudgesPaused, CancellationToken cancellationToken)
    {
        await SweepAsync(tenantId, nudgesPaused, cancellationToken);
        if (nudgesPaused) return 0; // the kill switch: offers stay unsent and expire once their moment passed
        if (notifier.TeamsAppId is null)
        {
            logger.LogError("No nudge is sent: Graph:TeamsAppId is not set to the Teams app's id (the notification's deep link needs it)");
            return 0;
        }
        if (!await lease.TryTakeAsync(tenantId, cancellationToken))
        {
            logger.LogDebug("Delivery: another instance sends for this tenant now");
            return 0;
        }
        var sent = await DeliverTenantAsync(tenantId, cancellationToken);
        await holds.KeepAsync(tenantId, cancellationToken);
        await lease.HandBackAsync(tenantId, cancellationToken); // not after a failure: then the lease lapses
        return sent;
    }

    /// <summary>
    /// Both endpoints' lanes send from one queue for the whole run while batches are claimed into it: the next batch is
    /// claimed, its calendars and presence checked, while the queue still holds half a batch, so the lanes never wait for a
    /// claim. The first batch is small, so that sending starts within seconds of a rush. The run goes on while claims come
    /// back full (a backlog); offers claimed longer than half <c>Jobs:DeliveryClaimTimeout</c> ago are handed back unsent,
    /// so the sweeper never takes back a claim this run still uses.
    /// </summary>
    private async Task<int> DeliverTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var attempt = Guid.NewGuid();
        var run = Stopwatch.StartNew(); // real time, not the service clock: claim ages are measured against the sweeper's timeout
        var queue = new DeliveryQueue(Timing, jobs.Value.StragglerBatchSize);
        // One lane failing (the database gone) ends the run: the other would wait for offers only the failed one takes.
        // What the run had claimed goes back to due, or becomes unconfirmed, through the sweeper.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task<int> LaneAsync(NotificationEndpoint endpoint)
        {
            try
            {
                return await RunLaneAsync(tenantId, attempt, queue, endpoint, run, stop.Token);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                await stop.CancelAsync();
                throw;
            }
        }
        var lanes = Task.WhenAll(LaneAsync(NotificationEndpoint.User), LaneAsync(NotificationEndpoint.Recipients));
        try
        {
            await FeedAsync(tenantId, attempt, queue, run, lanes, stop.Token);
        }
        catch
        {
            queue.Complete();
            await lanes.ContinueWith(_ => { }, TaskScheduler.Default); // the run ends with its sends, never leaving them running behind it
            if (lanes.IsFaulted) await lanes; // a lane's failure, not the stop it caused, is the run's
            throw;
        }
        queue.Complete();
        return (await lanes).Sum();
    }

    private async Task FeedAsync(Guid tenantId, Guid attempt, DeliveryQueue queue, Stopwatch run, Task lanes, CancellationToken cancellationToken)
    {
        var perSecond = jobs.Value.RecipientNotificationCallsPerSecond * ActivityNotifier.MaxRecipients + jobs.Value.UserNotificationCallsPerSecond;
        var size = Math.Min(jobs.Value.DeliveryBatchSize, Math.Max(1, (int)(perSecond * FirstBatchSeconds)));
        while (!lanes.IsCompleted && await lease.KeepAsync(tenantId, cancellationToken))
        {
            var batch = await PrepareBatchAsync(tenantId, attempt, size, run.Elapsed, cancellationToken);
            if (batch is null) return;
            var last = batch.Value.Claimed < size; // nothing more is due now; the next run takes what comes due later
            queue.Add(batch.Value.ToSend, last);
            if (last) return;
            size = jobs.Value.DeliveryBatchSize;
            while (true)
            {
                var changed = queue.Changed;
                if (queue.Count <= size / 2 || lanes.IsCompleted) break;
                await Task.WhenAny(changed, lanes);
            }
        }
    }

    /// <summary>The first batch of a run holds about this many seconds of sending at the tenant's rate.</summary>
    private const double FirstBatchSeconds = 5;

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
    private async Task<(int Claimed, List<Outgoing> ToSend)?> PrepareBatchAsync(Guid tenantId, Guid attempt, int size, TimeSpan claimedAt,
        CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var record = new DeliveryRecord(db, attempt);
        var now = clock.GetUtcNow();
        var claimed = await ClaimAsync(db, tenantId, record.AttemptId, now, size, cancellationToken);
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
            .Select(d => new Outgoing(d.Offer, d.Decision.LengthMinutes, claimedAt)).ToList();
        logger.LogInformation("Delivery batch: {Claimed} claimed, {Send} to send, {Busy} busy, {Other} expired or cancelled",
            claimed.Count, toSend.Count, decisions.Count(d => d.Decision.Step == DeliveryStep.Defer),
            decisions.Count(d => d.Decision.Step is DeliveryStep.Expire or DeliveryStep.Cancel));
        return (claimed.Count, toSend);
    }

    /// <summary>A partial bulk call whose first offer must go out within this is sent now rather than held back to fill up.</summary>
    private static readonly TimeSpan UrgentWithin = TimeSpan.FromSeconds(45);

    /// <summary>
    /// One endpoint's lane: takes calls from the queue and sends each when the pacer says, without waiting for the previous
    /// call's answer; each answer is recorded as it comes (a 429 puts the call back in the queue). Ends once the queue is
    /// finished and every call it sent was answered.
    /// </summary>
    private async Task<int> RunLaneAsync(Guid tenantId, Guid attempt, DeliveryQueue queue, NotificationEndpoint endpoint,
        Stopwatch run, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var scope = scopes.CreateScope();
        var record = new DeliveryRecord(scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId), attempt);
        var client = graph.For(tenantId);
        var claimAgeLimit = jobs.Value.DeliveryClaimTimeout / 2;
        var answers = new List<Task<int>>();
        var waiting = new List<Task<int>>();
        try
        {
            while (true)
            {
                var changed = queue.Changed;
                if (queue.Take(endpoint, clock.GetUtcNow() + UrgentWithin) is not { } call)
                {
                    waiting.RemoveAll(t => t.IsCompleted);
                    if (waiting.Count == 0 && queue.Finished) break;
                    // A partial call becomes urgent with time, not with a change: look again within a second.
                    await Task.WhenAny([changed, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken), .. waiting]);
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                }
                if (run.Elapsed - call.Min(o => o.ClaimedAt) >= claimAgeLimit || !await lease.KeepAsync(tenantId, cancellationToken))
                {
                    await record.ReleaseAsync(call.Select(o => o.Offer.Id).ToList());
                    continue;
                }
                if (await DispatchAsync(tenantId, client, record, queue, endpoint, call, cancellationToken) is { } answer)
                {
                    answers.Add(answer);
                    waiting.Add(answer);
                }
            }
        }
        finally
        {
            await Task.WhenAll(answers.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
        return (await Task.WhenAll(answers)).Sum();
    }

    /// <summary>
    /// The hand-over is written this long before the call's moment, not as soon as the call has its turn: an instance that
    /// dies between the two leaves offers unconfirmed (never sent again) although they never reached Graph.
    /// </summary>
    private static readonly TimeSpan HandOverLead = TimeSpan.FromMilliseconds(200);

    /// <summary>Expires what is too late, writes the hand-over, waits for the endpoint's moment and sends; returns the answer's recording.</summary>
    private async Task<Task<int>?> DispatchAsync(Guid tenantId, GraphServiceClient client, DeliveryRecord record, DeliveryQueue queue,
        NotificationEndpoint endpoint, Outgoing[] call, CancellationToken cancellationToken)
    {
        using var turn = await pacer.EnterAsync(tenantId, endpoint, cancellationToken);
        await turn.WaitUntilAlmostDueAsync(HandOverLead, cancellationToken);
        var now = clock.GetUtcNow();
        var pending = call.ToList();
        var late = pending.Where(o => now > o.Offer.LatestSendAt(Timing)).Select(o => o.Offer.Id).ToList();
        Telemetry.OffersExpired.Add(await record.ExpireAsync(late, OfferEndReason.MomentPassed));
        pending.RemoveAll(o => late.Contains(o.Offer.Id));
        if (pending.Count == 0) return null;

        var length = pending[0].LengthMinutes;
        var held = await record.HandOverAsync(pending.Select(o => o.Offer.Id).ToList(), length, now);
        pending.RemoveAll(o => !held.Contains(o.Offer.Id));
        if (pending.Count == 0) return null;
        NotificationPacer.Call sent;
        try
        {
            sent = await turn.WaitUntilDueAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await record.NotTakenAsync(pending.Select(o => o.Offer.Id).ToList()); // shutting down before the call: nothing reached Graph
            throw;
        }
        return RecordAnswerAsync(tenantId, record.AttemptId, queue, endpoint, [.. pending], SendCallAsync(), cancellationToken);

        // The pacer learns when Graph answered: the call N calls later waits for it.
        async Task SendCallAsync()
        {
            using (sent)
            {
                if (endpoint == NotificationEndpoint.Recipients)
                    await notifier.SendToRecipientsAsync(client, pending.Select(o => o.Offer.EmployeeId).ToList(), length, cancellationToken);
                else
                    await notifier.SendToUserAsync(client, pending[0].Offer.EmployeeId, pending[0].Offer.Id, length, cancellationToken);
            }
        }
    }

    /// <summary>Writes a call's outcome as soon as Graph answered (through its own context: answers come in concurrently).</summary>
    private async Task<int> RecordAnswerAsync(Guid tenantId, Guid attempt, DeliveryQueue queue, NotificationEndpoint endpoint, Outgoing[] call,
        Task sending, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await sending;
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = error;
        }
        using var scope = scopes.CreateScope();
        var record = new DeliveryRecord(scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId), attempt);
        var ids = call.Select(o => o.Offer.Id).ToList();
        switch (failure)
        {
            case null:
                var delivered = await record.DeliveredAsync(ids, clock.GetUtcNow());
                Telemetry.OffersDelivered.Add(delivered);
                return delivered;
            case ODataError { ResponseStatusCode: 429 } throttled:
                pacer.Throttled(tenantId, endpoint, RetryAfter(throttled));
                Telemetry.GraphThrottled.Add(1, new KeyValuePair<string, object?>("route", endpoint.ToString()));
                await record.NotTakenAsync(ids);
                queue.Again(call);
                return 0;
            case ODataError { ResponseStatusCode: >= 400 and < 500 } refused:
                logger.LogWarning("Break notification refused: {Status} {Code}", refused.ResponseStatusCode, refused.Error?.Code);
                Telemetry.OffersExpired.Add(await record.ExpireAsync(ids, OfferEndReason.Refused, from: OfferStatus.InFlight));
                return 0;
            default:
                // 5xx, a timeout or a broken connection after the hand-over: Graph may have taken it. Not sent again.
                logger.LogWarning("Break notification outcome unknown ({Failure}); not sent again", Describe(failure));
                await record.UnconfirmedAsync(ids);
                return 0;
        }
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
