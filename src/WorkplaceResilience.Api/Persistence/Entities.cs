namespace WorkplaceResilience.Api.Persistence;

/// <summary>Every row belongs to a tenant; the DbContext's query filters scope reads to one.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

public sealed class Tenant
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Smallest group HR may see; never below <see cref="Core.Reporting.AnonymityGate.FloorGroupSize"/>.</summary>
    public int MinimumGroupSize { get; set; } = 10;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the tenant's admin consent was recorded; null for tenants from before onboarding existed.</summary>
    public DateTimeOffset? OnboardedAt { get; set; }
    /// <summary>An onboarded tenant is served (tokens accepted, calendars read, nudges sent) only while enabled.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The kill switch: no nudge is sent while set; everything else keeps running.</summary>
    public bool NudgesPaused { get; set; }
    public int RetentionDays { get; set; } = 90;
    public TimeOnly WorkStart { get; set; } = new(9, 0);
    public TimeOnly WorkEnd { get; set; } = new(17, 0);
    public int DailyCap { get; set; } = Core.Planning.PlannerSettings.Default.DailyCap;
    public TimeOnly? QuietStart { get; set; }
    public TimeOnly? QuietEnd { get; set; }
    /// <summary>JSON array of {title, url}; see Admin/TenantSettings.cs.</summary>
    public string SupportLinks { get; set; } = "[]";
    /// <summary>JSON array of Entra group ids; empty means everyone.</summary>
    public string GroupsInScope { get; set; } = "[]";
    /// <summary>Where the directory sync's next <c>users/delta</c> round starts (null: a full round).</summary>
    public string? DirectoryDeltaLink { get; set; }
    /// <summary>The <see cref="GroupsInScope"/> the delta link was read under: a changed scope needs a full round.</summary>
    public string? DirectoryDeltaScope { get; set; }
    /// <summary>The service instance that sends this tenant's nudges now (see Delivery/DeliveryLease.cs), and until when.</summary>
    public Guid? DeliveryLeaseHolder { get; set; }
    public DateTimeOffset? DeliveryLeaseUntil { get; set; }
}

/// <summary>
/// A person the service plans breaks for. Holds the Entra object id (needed to call Graph for them),
/// their department, office and country (for HR's fixed groups) and working hours; no name, mail or title.
/// </summary>
public sealed class Employee : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public string Department { get; set; } = "";
    public string OfficeLocation { get; set; } = "";
    public string Country { get; set; } = "";
    /// <summary>The person allowed their check-in changes to enter HR's aggregates (off unless they turn it on).</summary>
    public bool ShareCheckInsInReports { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public TimeOnly WorkStart { get; set; } = new(9, 0);
    public TimeOnly WorkEnd { get; set; } = new(17, 0);
    /// <summary>Working days as a bit set, bit n = <see cref="DayOfWeek"/> n.</summary>
    public int WorkDays { get; set; } = 0b0111110;
    /// <summary>In the directory and allowed to sign in, as last read (active also needs the groups in scope).</summary>
    public bool InDirectory { get; set; } = true;
    /// <summary>The manager's id as a keyed hash (<see cref="People.OrgKeys"/>), never the id itself: enough for HR's
    /// groups by manager hierarchy; null for the top of the tree or a manager the directory does not name.</summary>
    public string? ManagerKey { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset? CalendarSyncedAt { get; set; }
    public DateTimeOffset NextCalendarSyncAt { get; set; }
}

/// <summary>
/// One person's own break settings (absent: the defaults). Keyed by the person's id, not tied to the employee row, so
/// that "breaks off" outlives a deletion of their data and the directory sync recreating the row.
/// </summary>
public sealed class PersonSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid EmployeeId { get; set; }
    public bool BreaksOn { get; set; } = true;
    /// <summary>Comma-separated minutes, e.g. "1,3,5".</summary>
    public string Lengths { get; set; } = "1,3,5";
    public int? DailyCap { get; set; }
    public int? MinimumSpacingMinutes { get; set; }
    public TimeOnly? QuietStart { get; set; }
    public TimeOnly? QuietEnd { get; set; }
    public TimeOnly? WorkStart { get; set; }
    public TimeOnly? WorkEnd { get; set; }
    public bool TentativeIsBusy { get; set; } = true;
    public bool ArrivalPractices { get; set; }
    /// <summary>0 mental, 1 behavioural (<see cref="Core.Practices.PracticeFamily"/>); null for no preference.</summary>
    public int? PreferredFamily { get; set; }
    /// <summary>
    /// The local date breaks resume on: the one pause, set from My settings and from a nudge's "pause today / this week"
    /// (until the next local midnight or Monday).
    /// </summary>
    public DateOnly? PausedUntil { get; set; }
    /// <summary>A private "Pause" event is put in the person's calendar when a break is sent (off unless they turn it on).</summary>
    public bool CalendarHold { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A calendar entry reduced to what planning needs. The Graph event id is stored only as a keyed hash.</summary>
public sealed class CalendarEntry : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid EmployeeId { get; set; }
    public string EventHash { get; set; } = "";
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public int ShowAs { get; set; }
    public bool IsAllDay { get; set; }
    public bool IsCancelled { get; set; }
    public int Response { get; set; }
    /// <summary>The event's lastModifiedDateTime: a change notification older than this is stale and not applied.</summary>
    public DateTimeOffset? LastModified { get; set; }
}

/// <summary>An offer's states; the allowed changes are in OfferLifecycle.cs. Numbers are stored: never renumber.</summary>
public enum OfferStatus
{
    Planned = 0,
    /// <summary>Claimed by one delivery attempt, not yet handed to Graph.</summary>
    Sending = 1,
    /// <summary>Graph accepted the notification.</summary>
    Delivered = 2,
    Started = 3,
    Completed = 4,
    Skipped = 5,
    Expired = 6,
    /// <summary>The person was busy (presence) when it was due; tried again while the gap lasts.</summary>
    Deferred = 7,
    /// <summary>The person asked to be reminded later in the same gap.</summary>
    Snoozed = 8,
    /// <summary>Withdrawn before it was sent (the calendar changed, the person paused).</summary>
    Cancelled = 9,
    /// <summary>Handed to Graph; the answer is not recorded yet.</summary>
    InFlight = 10,
    /// <summary>Handed to Graph but the answer was lost: maybe delivered, never sent again.</summary>
    Unconfirmed = 11,
}

/// <summary>Why an offer ended without being sent (Expired, Cancelled) or why its outcome is unknown.</summary>
public enum OfferEndReason
{
    None = 0,
    /// <summary>Its moment passed before it could be sent.</summary>
    MomentPassed = 1,
    /// <summary>Too little of the gap was left for even the shortest practice.</summary>
    TooLateToFit = 2,
    /// <summary>The person was busy, in a call or presenting for as long as the gap lasted.</summary>
    PersonBusy = 3,
    /// <summary>Graph refused the notification (app not installed for the person, bad request).</summary>
    Refused = 4,
    /// <summary>A re-read calendar shows a meeting at the offer's moment.</summary>
    CalendarChanged = 5,
    /// <summary>A delivery attempt stopped (crash, restart) before sending, and the gap had closed when it was found.</summary>
    AttemptAbandoned = 6,
    /// <summary>The tenant's admin paused all nudges.</summary>
    NudgesPaused = 7,
    /// <summary>The person paused breaks for today or this week.</summary>
    PersonPaused = 8,
    /// <summary>Graph's answer was lost (timeout, 5xx, crash after the hand-over): maybe delivered, so never re-sent.</summary>
    OutcomeUnknown = 9,
}

/// <summary>Why a person skipped an offer, if they said; a fixed list (no free text).</summary>
public enum SkipReason { None = 0, Busy = 1, NotNow = 2, NotHelpful = 3, Other = 4 }

/// <summary>A break offered to a person; its allowed status changes are in OfferLifecycle.cs.</summary>
public sealed partial class BreakOffer : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid EmployeeId { get; set; }
    public DateTimeOffset Start { get; set; }
    public int LengthMinutes { get; set; }
    public int Reason { get; set; }
    public string PracticeId { get; set; } = "";
    public OfferStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    /// <summary>When delivery may try next (after a deferral or a snooze); null means from <see cref="Start"/>.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>Where the gap ends (the next meeting), as delivery last read the calendar; null until then.</summary>
    public DateTimeOffset? GapEnd { get; set; }
    /// <summary>The delivery attempt that claimed it last; only that attempt may record the outcome.</summary>
    public Guid? DeliveryAttemptId { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public OfferEndReason EndReason { get; set; }
    public SkipReason SkipReason { get; set; }
    /// <summary>The Graph id of the calendar hold written for this offer (needed to delete it), and its keyed hash (the
    /// calendar sync leaves the hold out of the person's busy blocks by it). Null when none was written; once the hold is
    /// removed the id is cleared and the hash kept (an offer gets one hold at most).</summary>
    public string? HoldEventId { get; set; }
    public string? HoldEventHash { get; set; }
}

/// <summary>A practice someone ran, from an offer or on their own, with their optional check-in.</summary>
public sealed class PracticeSession : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid EmployeeId { get; set; }
    public Guid? OfferId { get; set; }
    public string PracticeId { get; set; } = "";
    public int LengthMinutes { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public int? BeforeSelfKindness { get; set; }
    public int? BeforeSelfCriticism { get; set; }
    public int? BeforeTension { get; set; }
    public int? AfterSelfKindness { get; set; }
    public int? AfterSelfCriticism { get; set; }
    public int? AfterTension { get; set; }
    public bool FeltWorse { get; set; }
}

/// <summary>
/// One ISO week released to HR (or withheld, <see cref="Withheld"/>) with the ε it spent. Never updated: a released week
/// reads the same forever.
/// </summary>
public sealed class ReportRelease : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly WeekStart { get; set; }
    public DateTimeOffset ReleasedAt { get; set; }
    public int MinimumGroupSize { get; set; }
    public double EpsilonPerValue { get; set; }
    /// <summary>Offers or practices one person could add to the week's totals (the noise's sensitivity on them).</summary>
    public int ActionClip { get; set; }
    /// <summary>ε one person's data cost in this release (0 when withheld).</summary>
    public double Epsilon { get; set; }
    /// <summary>Why nothing of the week was released ("budget"), or null.</summary>
    public string? Withheld { get; set; }
}

/// <summary>A group's figures for a released week, as the anonymity gate let them out (JSON); never updated.</summary>
public sealed class ReportCell : ITenantOwned
{
    public Guid TenantId { get; set; }
    public DateOnly WeekStart { get; set; }
    public string Grouping { get; set; } = "";
    public string GroupName { get; set; } = "";
    /// <summary>Why the whole cell is withheld, or null.</summary>
    public string? Hidden { get; set; }
    public string Figures { get; set; } = "{}";
}

/// <summary>Who asked for which report (groups and weeks) and when. Read by admins; holds nothing about anyone reported on.</summary>
public sealed class ReportAudit : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid ActorId { get; set; }
    public string Report { get; set; } = "";
    public string Grouping { get; set; } = "";
    public DateOnly? FromWeek { get; set; }
    public DateOnly? ToWeek { get; set; }
}

/// <summary>
/// How a person's calendar is kept in step (Calendar/): the calendarView delta link of the current window, the change
/// subscription (its client state stored only as a hash), and what is due when. No calendar content.
/// </summary>
public sealed class CalendarSyncState : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid EmployeeId { get; set; }
    /// <summary>Graph's @odata.deltaLink for the window below; null means the next read is a fresh round.</summary>
    public string? DeltaLink { get; set; }
    public DateTimeOffset? WindowStart { get; set; }
    public DateTimeOffset? WindowEnd { get; set; }
    /// <summary>When the window moves on (a fresh round), in the person's night.</summary>
    public DateTimeOffset RollWindowAt { get; set; }
    /// <summary>The last change notification (or missed-notification signal) for this calendar.</summary>
    public DateTimeOffset? ChangedAt { get; set; }
    public string? SubscriptionId { get; set; }
    /// <summary>SHA-256 (hex) of the subscription's random clientState.</summary>
    public string? ClientStateHash { get; set; }
    public DateTimeOffset? SubscriptionExpiresAt { get; set; }
    /// <summary>
    /// The id of the certificate the subscription's notifications are encrypted for (they carry the event's times and
    /// flags, so most need no read); null for a subscription without resource data.
    /// </summary>
    public string? NotificationCertificateId { get; set; }
    /// <summary>When a change notification's data last reached the stored calendar and the plan without a read.</summary>
    public DateTimeOffset? AppliedAt { get; set; }
    /// <summary>
    /// When the webhook last accepted a notification for this calendar, written before it answers Graph: one that no
    /// later <see cref="AppliedAt"/>, <see cref="ChangedAt"/> or read settles was lost in this service (a restart
    /// between the answer and the processing), so the calendar is read (<c>CalendarSync.SyncDueAsync</c>).
    /// </summary>
    public DateTimeOffset? NotifiedAt { get; set; }
    /// <summary>When the subscription is created (none yet) or renewed.</summary>
    public DateTimeOffset RenewSubscriptionAt { get; set; }
    public DateTimeOffset MailboxSettingsDueAt { get; set; }
    /// <summary>Why the last attempt failed (a Graph status and code, never Graph's message), null when it worked.</summary>
    public string? Failure { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
}
