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
/// A tenant whose admin pulled the kill switch (NudgesPaused) gets nothing sent from the next run on. One instance sends
/// for a tenant at a time (<see cref="DeliveryLease"/>); the others only sweep.
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
            if (!await lease.TryTakeAsync(tenant.Id, cancellationToken))
            {
                logger.LogDebug("Delivery: another instance sends for this tenant now");
                continue;
            }
            sent += await DeliverTenantAsync(tenant.Id, budget, limit, cancellationToken);
            await holds.KeepAsync(tenant.Id, cancellationToken);
            await lease.HandBackAsync(tenant.Id, cancellationToken); // not after a failure: then the lease lapses

        }
        return sent;
    }

    /// <summary>
    /// A pipeline: while one batch is being sent (paced, so mostly waiting on Graph's rate), the next one is claimed, its
    /// calendars and presence checked; its sends start once the previous batch's are done, together with the partial calls
    /// the previous batch held back. Claiming stops while there is still time to send what was claimed.
    /// </summary>
    private async Task<int> DeliverTenantAsync(Guid tenantId, Stopwatch budget, TimeSpan limit, CancellationToken cancellationToken)
    {
        var attempt = Guid.NewGuid();
        var perSecond = jobs.Value.RecipientNotificationCallsPerSecond * ActivityNotifier.MaxRecipients + jobs.Value.UserNotificationCallsPerSecond;
        var claimUntil = limit - TimeSpan.FromSeconds(Math.Min(jobs.Value.DeliveryBatchSize / perSecond, limit.TotalSeconds / 2));
        var sent = 0;
        var carried = new List<Outgoing>();
        Task<(int Sent, List<Outgoing> HeldBack)>? sending = null;
        while (true)
        {
            (int Claimed, List<Outgoing> ToSend)? batch = null;
            try
            {
                if (budget.Elapsed < claimUntil && await lease.KeepAsync(tenantId, cancellationToken))
                    batch = await PrepareBatchAsync(tenantId, attempt, cancellationToken);
            }
            catch when (sending is not null)
            {
                await sending; // the run ends with its sends, never leaving them running behind it
                throw;
            }
            if (sending is not null)
            {
                var done = await sending;
                (sent, carried, sending) = (sent + done.Sent, done.HeldBack, null);
            }
            if (batch is null) break;
            var moreComing = batch.Value.Claimed == jobs.Value.DeliveryBatchSize && budget.Elapsed < claimUntil;
            sending = SendAsync(tenantId, attempt, [.. carried, .. batch.Value.ToSend], moreComing, budget, limit, cancellationToken);
        }
        if (carried.Count > 0) sent += (await SendAsync(tenantId, attempt, carried, moreComing: false, budget, limit, cancellationToken)).Sent;
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
    private async Task<(int Claimed, List<Outgoing> ToSend)?> PrepareBatchAsync(Guid tenantId, Guid attempt, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var record = new DeliveryRecord(db, attempt);
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
        return (claimed.Count, toSend);
    }

    /// <summary>A partial bulk call whose first offer must go out within this is sent now rather than held back to fill up.</summary>
    private static readonly TimeSpan UrgentWithin = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Sends a batch through both endpoints at once, each lane paced to its own rate (<see cref="DeliveryQueue"/> says what
    /// goes where); returns how many were nudged and the partial calls held back for the next batch.
    /// </summary>
    private async Task<(int Sent, List<Outgoing> HeldBack)> SendAsync(Guid tenantId, Guid attempt, List<Outgoing> toSend, bool moreComing,
        Stopwatch budget, TimeSpan limit, CancellationToken cancellationToken)
    {
        var queue = new DeliveryQueue(toSend, Timing, moreComing, clock.GetUtcNow() + UrgentWithin, jobs.Value.StragglerBatchSize);
        var single = RunLaneAsync(tenantId, attempt, queue, NotificationEndpoint.User, budget, limit, cancellationToken);
        // Once the bulk lane is done, the per-user lane finishes its stragglers and stops eating into held-back calls.
        var bulk = RunLaneAsync(tenantId, attempt, queue, NotificationEndpoint.Recipients, budget, limit, cancellationToken)
            .ContinueWith(lane => { queue.BulkDone(); return lane; }, TaskScheduler.Default).Unwrap();
        return ((await Task.WhenAll(bulk, single)).Sum(), queue.HeldBack());
    }

    /// <summary>
    /// One endpoint's lane: takes calls from the queue and sends each when the pacer says, without waiting for the previous
    /// call's answer; each answer is recorded as it comes (a 429 puts the call back in the queue).
    /// </summary>
    private async Task<int> RunLaneAsync(Guid tenantId, Guid attempt, DeliveryQueue queue, NotificationEndpoint endpoint,
        Stopwatch budget, TimeSpan limit, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var scope = scopes.CreateScope();
        var record = new DeliveryRecord(scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId), attempt);
        var client = graph.For(tenantId);
        var answers = new List<Task<int>>();
        var waiting = new List<Task<int>>();
        try
        {
            while (true)
            {
                if (queue.Take(endpoint) is not { } call)
                {
                    waiting.RemoveAll(t => t.IsCompleted);
                    if (waiting.Count == 0 && !queue.HasWork(endpoint)) break;
                    if (waiting.Count > 0) await Task.WhenAny(waiting);
                    continue;
                }
                if (budget.Elapsed >= limit || !await lease.KeepAsync(tenantId, cancellationToken))
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

    /// <summary>Expires what is too late, writes the hand-over, waits for the endpoint's moment and sends; returns the answer's recording.</summary>
    private async Task<Task<int>?> DispatchAsync(Guid tenantId, GraphServiceClient client, DeliveryRecord record, DeliveryQueue queue,
        NotificationEndpoint endpoint, Outgoing[] call, CancellationToken cancellationToken)
    {
        using var turn = await pacer.EnterAsync(tenantId, endpoint, cancellationToken);
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
                queue.Again(endpoint, call);
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
