namespace WorkplaceResilience.Api.Persistence;

/// <summary>How far a requested change of an offer got; see <see cref="BreakOffer"/>'s transition methods.</summary>
public enum OfferChange
{
    /// <summary>The offer moved to the new status.</summary>
    Changed,
    /// <summary>The offer already had that status (a repeated request); nothing changed.</summary>
    AlreadyDone,
    /// <summary>The break's moment has not come yet: it is neither delivered nor within the delivery lead.</summary>
    NotDueYet,
    /// <summary>The offer's status does not allow the change (it is finished, or the change would go backwards).</summary>
    NotAllowed,
}

/// <summary>When an offer becomes due and when an undelivered one is dropped (the Jobs:DeliveryLead and DeliveryGrace settings).</summary>
public readonly record struct OfferTiming(TimeSpan Lead, TimeSpan Grace);

/// <summary>
/// The one place that says which status changes an offer allows. The person's actions (start, complete, skip) go
/// through the instance methods; the delivery job changes offers in bulk with SQL, so its queries use the status sets
/// below, which the instance methods use too.
/// <code>
/// Planned ─claim─▶ Sending ─sent─▶ Delivered ─start─▶ Started ─complete─▶ Completed
///    │  ◀─retry─────┘                  │                 │
///    └─(moment passed)─▶ Expired       └──complete───────┼──▶ Completed
///    any open status ─skip─▶ Skipped ◀────────────────────┘
/// </code>
/// </summary>
public sealed partial class BreakOffer
{
    /// <summary>Offers the delivery job may claim for sending.</summary>
    public static readonly OfferStatus[] Claimable = [OfferStatus.Planned];
    /// <summary>Offers a delivery run has claimed: only these become Delivered, go back for a retry, or expire when refused.</summary>
    public static readonly OfferStatus[] Claimed = [OfferStatus.Sending];
    /// <summary>Offers not yet delivered: they expire once their moment has passed by more than the grace.</summary>
    public static readonly OfferStatus[] Undelivered = [OfferStatus.Planned, OfferStatus.Sending];
    /// <summary>Offers the person may still start, complete or skip (start and complete only once due).</summary>
    public static readonly OfferStatus[] Open = [OfferStatus.Planned, OfferStatus.Sending, OfferStatus.Delivered, OfferStatus.Started];
    /// <summary>Nothing changes an offer once it is in one of these.</summary>
    public static readonly OfferStatus[] Final = [OfferStatus.Completed, OfferStatus.Skipped, OfferStatus.Expired];

    /// <summary>
    /// Due: delivered (or already started), or not yet delivered but within the lead before its start — the delivery
    /// job may simply not have run yet — and not so long past that the job is about to drop it.
    /// </summary>
    public bool IsDue(DateTimeOffset now, OfferTiming timing) => Status switch
    {
        OfferStatus.Delivered or OfferStatus.Started => true,
        OfferStatus.Planned or OfferStatus.Sending => Start - timing.Lead <= now && !HasPassed(now, timing),
        _ => false,
    };

    /// <summary>Whether starting it now would work (or has already happened).</summary>
    public bool CanStartNow(DateTimeOffset now, OfferTiming timing) => Open.Contains(Status) && IsDue(now, timing);

    /// <summary>An undelivered offer whose moment passed more than the grace ago; the delivery job expires these.</summary>
    public bool HasPassed(DateTimeOffset now, OfferTiming timing) => Undelivered.Contains(Status) && Start < now - timing.Grace;

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
    public OfferChange Skip(DateTimeOffset now)
    {
        if (Status == OfferStatus.Skipped) return OfferChange.AlreadyDone;
        if (!Open.Contains(Status)) return OfferChange.NotAllowed;
        return Become(OfferStatus.Skipped, now);
    }

    private OfferChange Become(OfferStatus status, DateTimeOffset now)
    {
        Status = status;
        RespondedAt = now;
        return OfferChange.Changed;
    }
}
