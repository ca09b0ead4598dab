namespace WorkplaceResilience.Core.Planning;

/// <summary>How a calendar entry shows the person's availability (Graph's freeBusyStatus).</summary>
public enum ShowAs { Free, Tentative, Busy, OutOfOffice, WorkingElsewhere, Unknown }

/// <summary>The person's own answer to a meeting (Graph's responseType).</summary>
public enum ResponseStatus { None, Organizer, TentativelyAccepted, Accepted, Declined, NotResponded }

/// <summary>
/// One calendar entry as the planner needs it: times and flags only. Subjects, bodies, locations and
/// attendees never reach Core, so nothing downstream can leak them.
/// </summary>
/// <remarks>
/// Recurring meetings arrive as their expanded occurrences (Graph's calendarView), one block each; a cancelled
/// occurrence carries <see cref="IsCancelled"/>. All-day entries arrive as the instants of local midnight in the
/// person's zone (as the host stores them); the planner reads each end as the nearest local midnight, so a floating date
/// written as UTC midnight, or a day whose midnight is skipped, still means its own dates. <see cref="IsFocus"/> marks protected focus time (for example
/// Viva Insights focus blocks): it is busy, but it is not meeting load.
/// </remarks>
public readonly record struct CalendarBlock(
    DateTimeOffset Start,
    DateTimeOffset End,
    ShowAs ShowAs,
    bool IsAllDay = false,
    bool IsCancelled = false,
    ResponseStatus Response = ResponseStatus.None,
    bool IsFocus = false);
