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
    /// <summary>Smallest group HR may see; never below <see cref="Core.Reporting.GroupSuppression.FloorGroupSize"/>.</summary>
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
}

/// <summary>
/// A person the service plans breaks for. Holds the Entra object id (needed to call Graph for them),
/// their department (for HR's fixed groups) and working hours; no name, mail or title.
/// </summary>
public sealed class Employee : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public string Department { get; set; } = "";
    public string TimeZone { get; set; } = "UTC";
    public TimeOnly WorkStart { get; set; } = new(9, 0);
    public TimeOnly WorkEnd { get; set; } = new(17, 0);
    /// <summary>Working days as a bit set, bit n = <see cref="DayOfWeek"/> n.</summary>
    public int WorkDays { get; set; } = 0b0111110;
    public bool IsActive { get; set; } = true;
    public DateTimeOffset? CalendarSyncedAt { get; set; }
    public DateTimeOffset NextCalendarSyncAt { get; set; }
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
}

public enum OfferStatus { Planned = 0, Sending = 1, Delivered = 2, Started = 3, Completed = 4, Skipped = 5, Expired = 6 }

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
    /// <summary>When the subscription is created (none yet) or renewed.</summary>
    public DateTimeOffset RenewSubscriptionAt { get; set; }
    public DateTimeOffset MailboxSettingsDueAt { get; set; }
    /// <summary>Why the last attempt failed (a Graph status and code, never Graph's message), null when it worked.</summary>
    public string? Failure { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
}
