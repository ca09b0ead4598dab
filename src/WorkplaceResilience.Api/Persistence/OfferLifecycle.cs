namespace WorkplaceResilience.Api.Persistence;

/// <summary>How far a requested change of an offer got; see <see cref="BreakOffer"/>'s transition methods.</summary>
public enum OfferChange
{
    /// <summary>The offer moved to the new status.</summary>
    Changed,
    /// <summary>The offer already had that status (a repeated request); nothing changed.</summary>
    AlreadyDone,
    /// <summary>The break's moment has not come yet: the meeting before it has not ended.</summary>
    NotDueYet,
    /// <summary>The offer's status does not allow the change (it is finished, or the change would go backwards).</summary>
    NotAllowed,
    /// <summary>What is left of the gap is too short for it (a snooze that would run into the next meeting).</summary>
    NoRoom,
}

/// <summary>How long after its start an offer whose gap end is not known may still be sent (the Jobs:DeliveryGrace setting).</summary>
public readonly record struct OfferTiming(TimeSpan Grace);

/// <summary>What delivery does with a claimed offer now (<see cref="BreakOffer.DecideDelivery"/>).</summary>
public readonly record struct DeliveryDecision(DeliveryStep Step, int LengthMinutes = 0, OfferEndReason Reason = OfferEndReason.None,
    DateTimeOffset? RetryAt = null);

public enum DeliveryStep { Send, Defer, Expire, Cancel }

/// <summary>
/// The one place that says which status changes an offer allows. The person's actions (start, snooze, skip, complete) and
/// delivery's per-offer decisions are instance methods; the delivery job then writes each decision with a conditional
/// update (status and delivery attempt id as read), so a change made meanwhile by another instance is never overwritten.
/// <code>
///            ┌────────────── retry while the gap lasts ─────────────┐
///            ▼                                                      │
/// Planned ─(gap opened)─ due ─claim─▶ Sending ─hand over─▶ InFlight ─accepted─▶ Delivered ─start─▶ Started ─complete─▶ Completed
///   │                          │  ▲         │                  ├─refused─▶ Expired(Refused)    │ snooze
///   │                          │  └─sweeper─┘ (crash before    └─answer lost─▶ Unconfirmed      ▼
///   │                          │              hand-over)         (never re-sent)             Snoozed ─(10 min)─▶ due again
///   │                          ├─busy (presence)─▶ Deferred ─(1 min)─▶ due again
///   │                          ├─meeting now (calendar)─▶ Cancelled(CalendarChanged)
///   │                          └─gap too short─▶ Expired(TooLateToFit) / gap closed ─▶ Expired(MomentPassed, PersonBusy)
///   └─ any open status ─skip─▶ Skipped;  not yet sent ─pause─▶ Cancelled(PersonPaused)
/// </code>
/// "Due" is not stored: a Planned, Deferred or Snoozed offer is due once its <see cref="NextAttemptAt"/> (or start) has come.
/// </summary>
public sealed partial class BreakOffer
{
    /// <summary>Practice lengths an offer can shrink to when less of the gap is left than planned.</summary>
    public static readonly int[] Lengths = [1, 3, 5];
    /// <summary>How long a snooze lasts.</summary>
    public static readonly TimeSpan SnoozeFor = TimeSpan.FromMinutes(10);

    /// <summary>Offers the delivery job may claim once due.</summary>
    public static readonly OfferStatus[] Claimable = [OfferStatus.Planned, OfferStatus.Deferred, OfferStatus.Snoozed];
    /// <summary>Offers not sent yet, and not being sent: they expire once their moment has passed.</summary>
    public static readonly OfferStatus[] Undelivered = [OfferStatus.Planned, OfferStatus.Deferred, OfferStatus.Snoozed];
    /// <summary>Offers the person was (or may have been) told about.</summary>
    public static readonly OfferStatus[] Reached = [OfferStatus.Delivered, OfferStatus.Unconfirmed];
    /// <summary>Offers the person may still start, snooze, complete or skip (start and complete only once due).</summary>
    public static readonly OfferStatus[] Open =
    [
        OfferStatus.Planned, OfferStatus.Sending, OfferStatus.InFlight, OfferStatus.Deferred, OfferStatus.Snoozed,
        OfferStatus.Delivered, OfferStatus.Unconfirmed, OfferStatus.Started,
    ];
    /// <summary>Nothing changes an offer once it is in one of these.</summary>
    public static readonly OfferStatus[] Final =
        [OfferStatus.Completed, OfferStatus.Skipped, OfferStatus.Expired, OfferStatus.Cancelled];

    /// <summary>
    /// The latest moment a nudge may still go out: while the shortest practice fits before the gap ends, or, before the
    /// gap end is known, the grace after the start.
    /// </summary>
    public DateTimeOffset LatestSendAt(OfferTiming timing) =>
        GapEnd is { } end ? end.AddMinutes(-Lengths[0]) : Start + timing.Grace;

    /// <summary>Due: its gap has opened (start has come). Reached offers stay due; unsent ones until their moment passes.</summary>
    public bool IsDue(DateTimeOffset now, OfferTiming timing) => Status switch
    {
        OfferStatus.Delivered or OfferStatus.Unconfirmed or OfferStatus.Started => true,
        OfferStatus.Planned or OfferStatus.Sending or OfferStatus.InFlight or OfferStatus.Deferred or OfferStatus.Snoozed =>
            Start <= now && !HasPassed(now, timing),
        _ => false,
    };

    /// <summary>Whether starting it now would work (or has already happened).</summary>
    public bool CanStartNow(DateTimeOffset now, OfferTiming timing) => Open.Contains(Status) && IsDue(now, timing);

    /// <summary>An offer not sent yet whose moment has passed; the delivery job expires these.</summary>
    public bool HasPassed(DateTimeOffset now, OfferTiming timing) => Undelivered.Contains(Status) && now > LatestSendAt(timing);

    /// <summary>
    /// Delivery's decision for an offer it claimed: expire it if its moment has passed, cancel it if the calendar now shows
    /// a meeting, defer it while the person is busy, else send it, shrunk to what is left of the gap.
    /// </summary>
    /// <param name="meetingNow">The re-read calendar shows the person in a meeting now (the gap has not opened or has gone).</param>
    /// <param name="busy">Presence says the person is busy, in a call or presenting.</param>
    public DeliveryDecision DecideDelivery(DateTimeOffset now, OfferTiming timing, bool meetingNow, bool busy, TimeSpan presenceRetry)
    {
        if (meetingNow) return new(DeliveryStep.Cancel, Reason: OfferEndReason.CalendarChanged);
        var waited = Status == OfferStatus.Deferred ? OfferEndReason.PersonBusy : (OfferEndReason?)null;
        var length = FittingLength(now);
        if (length == 0) return new(DeliveryStep.Expire, Reason: waited ?? OfferEndReason.TooLateToFit);
        if (now > LatestSendAt(timing)) return new(DeliveryStep.Expire, Reason: waited ?? OfferEndReason.MomentPassed);
        if (busy)
        {
            var retryAt = now + presenceRetry;
            return retryAt <= LatestSendAt(timing)
                ? new(DeliveryStep.Defer, RetryAt: retryAt)
                : new(DeliveryStep.Expire, Reason: OfferEndReason.PersonBusy);
        }
        return new(DeliveryStep.Send, LengthMinutes: length);
    }

    /// <summary>The planned length, or the longest shorter one that still fits before the gap ends; 0 when none does.</summary>
    public int FittingLength(DateTimeOffset now)
    {
        if (GapEnd is not { } end) return LengthMinutes;
        var room = end - now;
        for (var i = Lengths.Length - 1; i >= 0; i--)
            if (Lengths[i] <= LengthMinutes && TimeSpan.FromMinutes(Lengths[i]) <= room) return Lengths[i];
        return 0;
    }

    public OfferChange StartPractice(DateTimeOffset now, OfferTiming timing)
    {
        if (Status == OfferStatus.Started) return OfferChange.AlreadyDone;
        if (!Open.Contains(Status) || HasPassed(now, timing)) return OfferChange.NotAllowed;
        if (!IsDue(now, timing)) return OfferChange.NotDueYet;
        return Become(OfferStatus.Started, now);
    }

    /// <summary>Completes a started or delivered offer (a due, not yet delivered one counts as delivered).</summary>
    public OfferChange Complete(DateTimeOffset now, OfferTiming timing)
    {
        if (Status == OfferStatus.Completed) return OfferChange.AlreadyDone;
        if (!Open.Contains(Status) || HasPassed(now, timing)) return OfferChange.NotAllowed;
        if (!IsDue(now, timing)) return OfferChange.NotDueYet;
        return Become(OfferStatus.Completed, now);
    }

    /// <summary>Declining is allowed any time before the offer is finished, also before it is due.</summary>
    public OfferChange Skip(DateTimeOffset now, SkipReason reason = SkipReason.None)
    {
        if (Status == OfferStatus.Skipped) return OfferChange.AlreadyDone;
        if (!Open.Contains(Status)) return OfferChange.NotAllowed;
        SkipReason = reason;
        return Become(OfferStatus.Skipped, now);
    }

    /// <summary>
    /// "Remind me in 10 minutes": only for an offer the person was told about, and only if the shortest practice still fits
    /// in the gap after the snooze. Delivery sends it again when the snooze ends, shrunk to what is left.
    /// </summary>
    public OfferChange Snooze(DateTimeOffset now, DateTimeOffset? gapEnd)
    {
        if (Status == OfferStatus.Snoozed) return OfferChange.AlreadyDone;
        if (!Reached.Contains(Status)) return OfferChange.NotAllowed;
        if (gapEnd is { } end) GapEnd = end;
        var until = now + SnoozeFor;
        if (GapEnd is not { } known || until.AddMinutes(Lengths[0]) > known) return OfferChange.NoRoom;
        NextAttemptAt = until;
        return Become(OfferStatus.Snoozed, now);
    }

    /// <summary>The person paused breaks: an offer not sent yet is withdrawn.</summary>
    public OfferChange CancelForPause(DateTimeOffset now)
    {
        if (!Undelivered.Contains(Status)) return OfferChange.NotAllowed;
        EndReason = OfferEndReason.PersonPaused;
        return Become(OfferStatus.Cancelled, now);
    }

    private OfferChange Become(OfferStatus status, DateTimeOffset now)
    {
        Status = status;
        RespondedAt = now;
        return OfferChange.Changed;
    }
}
