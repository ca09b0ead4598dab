namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>
/// A clock the tests move by hand. It starts on a recent Wednesday at 15:00 UTC, when most demo time zones
/// are inside working hours and tomorrow is a working day too, so what the tests see does not depend on the
/// hour or weekday they happen to run. The simulator generates its calendars around the same clock.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset Start = RecentWednesdayAfternoon(DateTimeOffset.UtcNow);
    private DateTimeOffset now = Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (this) return now;
    }

    public void Set(DateTimeOffset value)
    {
        lock (this) now = value;
    }

    public void Reset() => Set(Start);

    private static DateTimeOffset RecentWednesdayAfternoon(DateTimeOffset from)
    {
        var day = from.UtcDateTime.Date.AddDays(-1);
        while (day.DayOfWeek != DayOfWeek.Wednesday) day = day.AddDays(-1);
        return new DateTimeOffset(day.AddHours(15), TimeSpan.Zero);
    }
}
