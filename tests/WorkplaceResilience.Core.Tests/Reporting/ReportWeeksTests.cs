using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Core.Tests.Reporting;

public sealed class ReportWeeksTests
{
    [Theory]
    [InlineData("2026-03-17T11:59:00Z", "2026-03-02")] // Tuesday before noon UTC: week of 9 March not closed yet
    [InlineData("2026-03-17T12:00:00Z", "2026-03-09")]
    [InlineData("2026-03-22T23:00:00Z", "2026-03-09")]
    public void A_week_closes_a_day_after_it_has_ended_everywhere(string now, string lastClosed) =>
        Assert.Equal(DateOnly.Parse(lastClosed), ReportWeeks.LastClosed(DateTimeOffset.Parse(now)));

    [Fact]
    public void Weeks_are_named_the_iso_way() =>
        Assert.Equal("2026-W01", ReportWeeks.Label(ReportWeeks.MondayOf(new DateOnly(2026, 1, 1))));

    private static (DateTime, DateTime) At(int hour, int minute, int lengthMinutes)
    {
        var start = new DateTime(2026, 3, 10, hour, minute, 0);
        return (start, start.AddMinutes(lengthMinutes));
    }

    [Fact]
    public void Back_to_back_runs_join_meetings_under_five_minutes_apart_and_overlaps_count_once()
    {
        // 9:00-10:00, 10:00-11:00 and 10:30-11:30 (overlap), 11:33-12:00 (3-minute gap): one run of 3 hours.
        // 14:00-14:30 alone. 16:00-16:30 and 16:10-16:20 inside it: a run of 30 minutes.
        var day = MeetingLoad.Of([At(9, 0, 60), At(10, 0, 60), At(10, 30, 60), At(11, 33, 27), At(14, 0, 30), At(16, 0, 30), At(16, 10, 10)]);
        Assert.Equal(150 + 27 + 30 + 30, day.Minutes);
        Assert.Equal(150 + 27 + 30, day.BackToBackMinutes);
        Assert.Equal(180, day.LongestRunMinutes);
        Assert.True(day.IsHeavy);
    }

    [Fact]
    public void Meetings_five_minutes_apart_are_not_back_to_back()
    {
        var day = MeetingLoad.Of([At(9, 0, 60), At(10, 5, 60)]);
        Assert.Equal(120, day.Minutes);
        Assert.Equal(0, day.BackToBackMinutes);
        Assert.False(day.IsHeavy);
    }
}
