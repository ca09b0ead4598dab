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
    /// <remarks>
    /// On a fall-back night a start time that happens twice is read as its first occurrence and an end time as its last;
    /// a time the clocks jump over is read as the instant of the jump (see <see cref="ZoneOffsets"/>).
    /// </remarks>
    public (DateTimeOffset Start, DateTimeOffset End) On(DateOnly day) => On(day, Offsets(day));

    internal (DateTimeOffset Start, DateTimeOffset End) On(DateOnly day, ZoneOffsets offsets) =>
        (offsets.ToPersonTime(offsets.ToUtc(day.ToDateTime(Start))),
         offsets.ToPersonTime(offsets.ToUtc(EndDay(day).ToDateTime(End), last: true)));

    /// <summary>The zone's offsets over the working day that starts on <paramref name="day"/>.</summary>
    internal ZoneOffsets Offsets(DateOnly day) => ZoneOffsets.Covering(TimeZone, day.ToDateTime(Start), EndDay(day).ToDateTime(End));

    private DateOnly EndDay(DateOnly day) => IsOvernight ? day.AddDays(1) : day;

    public DateTimeOffset ToInstant(DateOnly day, TimeOnly time) =>
        LocalToInstant(TimeZone, day.ToDateTime(time, DateTimeKind.Unspecified));

    /// <summary>
    /// A wall-clock time in <paramref name="zone"/> as an instant, read by <see cref="ZoneOffsets"/>: a time inside a
    /// spring-forward gap does not exist and becomes the instant of the jump (02:30 on a night that skips 02:00–03:00 is
    /// 03:00); a time that happens twice on a fall-back night is read as the later (standard-time) one, or the earlier one
    /// when <paramref name="earlier"/> is set (for the start of a span).
    /// </summary>
    public static DateTimeOffset LocalToInstant(TimeZoneInfo zone, DateTime local, bool earlier = false) =>
        ZoneOffsets.Instant(zone, DateTime.SpecifyKind(local, DateTimeKind.Unspecified), last: !earlier);
}
