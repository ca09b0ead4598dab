namespace WorkplaceResilience.Core.Planning;

/// <summary>How a calendar entry shows the person's availability (Graph's freeBusyStatus).</summary>
public enum ShowAs { Free, Tentative, Busy, OutOfOffice, WorkingElsewhere, Unknown }

/// <summary>The person's own answer to a meeting (Graph's responseType).</summary>
public enum ResponseStatus { None, Organizer, TentativelyAccepted, Accepted, Declined, NotResponded }

/// <summary>
/// One calendar entry as the planner needs it: times and flags only. Subjects, bodies, locations and
/// attendees never reach Core, so nothing downstream can leak them.
/// </summary>
public readonly record struct CalendarBlock(
    DateTimeOffset Start,
    DateTimeOffset End,
    ShowAs ShowAs,
    bool IsAllDay = false,
    bool IsCancelled = false,
    ResponseStatus Response = ResponseStatus.None);
