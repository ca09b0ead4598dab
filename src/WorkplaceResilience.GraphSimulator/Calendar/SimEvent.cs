namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>A person on an event (organizer or attendee).</summary>
internal sealed record SimPerson(string Name, string Address);

/// <summary>An attendee and their answer.</summary>
internal sealed record SimAttendee(SimPerson Person, string Type, string Response);

/// <summary>
/// One event (or occurrence) in a user's calendar as the simulator stores it. Immutable: a change replaces it
/// with a new version. Start/End are UTC instants; all-day events are floating dates in the owner's zone
/// (<see cref="AllDayStart"/>, <see cref="AllDayEnd"/>) and their instants are the owner's local midnights.
/// </summary>
internal sealed record SimEvent
{
    public required string Id { get; init; }
    public required string ICalUId { get; init; }
    public required Guid OwnerId { get; init; }
    public required string Subject { get; init; }
    public required string BodyHtml { get; init; }
    public required string BodyPreview { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required string OwnerZone { get; init; }
    public DateOnly? AllDayStart { get; init; }
    public DateOnly? AllDayEnd { get; init; }
    public bool IsAllDay => AllDayStart is not null;
    public bool IsCancelled { get; init; }
    public string ShowAs { get; init; } = "busy";
    public string Response { get; init; } = "accepted";
    public DateTimeOffset? ResponseTime { get; init; }
    public string Type { get; init; } = "singleInstance";
    public string? SeriesMasterId { get; init; }
    public string Sensitivity { get; init; } = "normal";
    public string Importance { get; init; } = "normal";
    public bool IsOnlineMeeting { get; init; }
    public bool IsOrganizer { get; init; }
    public required SimPerson Organizer { get; init; }
    public IReadOnlyList<SimAttendee> Attendees { get; init; } = [];
    public string Location { get; init; } = "";
    public required DateTimeOffset Created { get; init; }
    public required DateTimeOffset LastModified { get; init; }

    /// <summary>Store version of the last change (for delta).</summary>
    public long Version { get; init; }

    /// <summary>True once deleted: kept as a tombstone so delta can report <c>@removed</c>.</summary>
    public bool Deleted { get; init; }

    /// <summary>Where the event was before its last move (so delta can tell a client it left the window).</summary>
    public DateTimeOffset? PreviousStart { get; init; }
    public DateTimeOffset? PreviousEnd { get; init; }

    public bool Overlaps(DateTimeOffset windowStart, DateTimeOffset windowEnd) => Start < windowEnd && End > windowStart;

    public bool PreviouslyOverlapped(DateTimeOffset windowStart, DateTimeOffset windowEnd) =>
        PreviousStart is { } s && PreviousEnd is { } e && s < windowEnd && e > windowStart;
}
