namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// A person's working hours in their own time zone. <c>End &lt; Start</c> is an overnight shift that ends on the next
/// calendar day; <see cref="Days"/> names the day the shift starts.
/// </summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, IReadOnlyCollection<DayOfWeek> Days, TimeZoneInfo TimeZone)
{
    public static readonly IReadOnlyCollection<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public bool IsWorkingDay(DateOnly day)
    {
        var dayOfWeek = day.DayOfWeek;
        if (Days is DayOfWeek[] array)
        {
            foreach (var d in array) if (d == dayOfWeek) return true;
            return false;
        }
        return Days.Contains(dayOfWeek);
    }

    public bool IsOvernight => End < Start;

    /// <summary>The start and end of the working day as instants; DST-aware for the person's zone.</summary>
    /// <remarks>On a fall-back night a start time that happens twice is read as its first occurrence and an end time as its last.</remarks>
    public (DateTimeOffset Start, DateTimeOffset End) On(DateOnly day) =>
        (LocalToInstant(TimeZone, day.ToDateTime(Start), earlier: true),
         LocalToInstant(TimeZone, (IsOvernight ? day.AddDays(1) : day).ToDateTime(End)));

    public DateTimeOffset ToInstant(DateOnly day, TimeOnly time) =>
        LocalToInstant(TimeZone, day.ToDateTime(time, DateTimeKind.Unspecified));

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/> as an instant. A time inside a spring-forward gap does not exist:
    /// it moves forward by the length of the gap (02:30 on a night that skips 02:00–03:00 becomes 03:30). A time
    /// that happens twice on a fall-back night is read as the later (standard-time) one, or the earlier one when
    /// <paramref name="earlier"/> is set (for the start of a span).
    /// </summary>
    public static DateTimeOffset LocalToInstant(TimeZoneInfo zone, DateTime local, bool earlier = false)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (earlier && zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }
        if (!zone.IsInvalidTime(local)) return new DateTimeOffset(local, zone.GetUtcOffset(local));
        var offsetBefore = zone.GetUtcOffset(local.AddHours(-12));
        var utc = new DateTimeOffset(local.Ticks - offsetBefore.Ticks, TimeSpan.Zero);
        return TimeZoneInfo.ConvertTime(utc, zone);
    }
}
