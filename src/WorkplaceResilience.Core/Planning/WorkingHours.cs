namespace WorkplaceResilience.Core.Planning;

/// <summary>A person's working hours in their own time zone.</summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, IReadOnlyCollection<DayOfWeek> Days, TimeZoneInfo TimeZone)
{
    public static readonly IReadOnlyCollection<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public bool IsWorkingDay(DateOnly day) => Days.Contains(day.DayOfWeek);

    /// <summary>The start and end of the working day as instants; DST-aware for the person's zone.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) On(DateOnly day) =>
        (ToInstant(day, Start), ToInstant(day, End));

    public DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A wall-clock time inside a spring-forward gap does not exist: move it past the gap.
        while (TimeZone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
