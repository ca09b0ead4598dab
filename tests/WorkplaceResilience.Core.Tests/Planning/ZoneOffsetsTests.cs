using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

/// <summary>
/// The one place that reads local time: skipped and repeated hours, midnights that are skipped or happen twice, and the
/// zones for which .NET on Linux reports no invalid or ambiguous time although the clocks do change.
/// </summary>
public class ZoneOffsetsTests
{
    private static DateTime Local(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    public static TheoryData<string, DateTime, DateTimeOffset, DateTimeOffset> Cases => new()
    {
        // zone, local time, first reading (or the jump over it), last reading
        { "Europe/Dublin", Local(2025, 3, 30, 1, 30), Utc(2025, 3, 30, 1, 0), Utc(2025, 3, 30, 1, 0) },        // skipped (negative DST)
        { "Europe/Dublin", Local(2025, 10, 26, 1, 30), Utc(2025, 10, 26, 0, 30), Utc(2025, 10, 26, 1, 30) },   // repeated
        { "America/Havana", Local(2025, 3, 9, 0, 0), Utc(2025, 3, 9, 5, 0), Utc(2025, 3, 9, 5, 0) },           // midnight skipped
        { "America/Havana", Local(2025, 11, 2, 0, 0), Utc(2025, 11, 2, 4, 0), Utc(2025, 11, 2, 5, 0) },        // midnight twice
        { "Atlantic/Azores", Local(2025, 10, 26, 0, 30), Utc(2025, 10, 26, 0, 30), Utc(2025, 10, 26, 1, 30) }, // midnight twice
        { "America/Santiago", Local(2025, 9, 7, 0, 0), Utc(2025, 9, 7, 4, 0), Utc(2025, 9, 7, 4, 0) },         // midnight skipped
        { "Australia/Sydney", Local(2025, 10, 5, 2, 30), Utc(2025, 10, 4, 16, 0), Utc(2025, 10, 4, 16, 0) },   // skipped hour
        { "Africa/Casablanca", Local(2025, 4, 6, 2, 30), Utc(2025, 4, 6, 2, 0), Utc(2025, 4, 6, 2, 0) },       // end of Ramadan time
        { "America/Asuncion", Local(2024, 3, 23, 23, 30), Utc(2024, 3, 24, 2, 30), Utc(2024, 3, 24, 3, 30) },  // 23:00-24:00 twice
        { "Europe/Berlin", Local(2025, 7, 1, 12, 0), Utc(2025, 7, 1, 10, 0), Utc(2025, 7, 1, 10, 0) },         // an ordinary day
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_local_times_by_converting_instants(string zoneId, DateTime local, DateTimeOffset first, DateTimeOffset last)
    {
        var zone = Cal.Zone(zoneId);
        var offsets = ZoneOffsets.Covering(zone, local.AddHours(-3), local.AddHours(3));
        Assert.Equal(first.UtcDateTime, offsets.ToUtc(local));
        Assert.Equal(last.UtcDateTime, offsets.ToUtc(local, last: true));
        // Cross-check against .NET's own instant conversion, which is right where its IsInvalidTime is not.
        foreach (var instant in new[] { first, last })
            Assert.Equal(TimeZoneInfo.ConvertTime(instant, zone).DateTime, offsets.ToLocal(instant.UtcDateTime));
        Assert.Equal(TimeZoneInfo.ConvertTime(first, zone).Offset, offsets.ToPersonTime(first.UtcDateTime).Offset);
    }

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Santiago")]
    [InlineData("Asia/Tokyo")]
    public void An_all_day_date_is_its_nearest_local_midnight_however_it_arrives(string zoneId)
    {
        var zone = Cal.Zone(zoneId);
        var day = new DateOnly(2025, 9, 7); // America/Santiago skips this midnight
        var offsets = ZoneOffsets.Covering(zone, day.ToDateTime(TimeOnly.MinValue), day.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var asStored = WorkingHours.LocalToInstant(zone, day.ToDateTime(TimeOnly.MinValue), earlier: true);
        var floating = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal(day, offsets.NearestDate(asStored.UtcDateTime));
        Assert.Equal(day, offsets.NearestDate(floating.UtcDateTime));
    }

    [Fact]
    public void Covers_years_of_changes_in_a_long_window()
    {
        var zone = Cal.Zone("Europe/Berlin");
        var offsets = ZoneOffsets.Covering(zone, Local(2024, 1, 1, 0, 0), Local(2026, 1, 1, 0, 0));
        for (var t = Utc(2024, 1, 1, 0, 0); t < Utc(2026, 1, 1, 0, 0); t = t.AddHours(7))
            Assert.Equal(zone.GetUtcOffset(t.UtcDateTime), offsets.OffsetAt(t.UtcDateTime));
    }
}

/// <summary>The time-zone edges that used to live in the planner's fast path, planned end to end.</summary>
public class TimeZoneEdgeTests
{
    private static readonly PlannerSettings NoQuietStart = new() { QuietStartOfDay = TimeSpan.Zero };

    [Theory]
    [InlineData("America/Havana", 2025, 11, 2)]
    [InlineData("Atlantic/Azores", 2025, 10, 26)]
    public void A_day_whose_midnight_happens_twice_keeps_its_offers(string zone, int y, int m, int d)
    {
        var hours = Cal.Hours(zone, "00:00", "04:00", everyDay: true);
        var day = new DateOnly(y, m, d);
        var (start, end) = hours.On(day);
        Assert.Equal(TimeSpan.FromHours(5), end - start); // the repeated hour is worked too
        // A meeting in the first pass of the repeated hour, then one at 02:00.
        var first = start;
        CalendarBlock[] blocks = [new(first, first.AddMinutes(30), ShowAs.Busy), new(first.AddHours(3), first.AddHours(3.5), ShowAs.Busy)];
        var plan = BreakPlanner.Plan(day, hours, blocks, NoQuietStart);
        Assert.Equal([first.AddMinutes(30), first.AddHours(3.5)], plan.Select(p => p.Start));
    }

    [Fact]
    public void Quiet_hours_starting_in_the_skipped_hour_start_when_the_clocks_jump()
    {
        // Sydney, 5 October 2025: 02:00 becomes 03:00. Quiet from 02:30 starts at the jump: no 5-minute offer at 01:59 that
        // would run into 03:00-03:04, which reads after 02:30.
        var hours = Cal.Hours("Australia/Sydney", "00:00", "08:00", everyDay: true);
        var day = new DateOnly(2025, 10, 5);
        var settings = NoQuietStart with { Lengths = [3, 5], QuietHours = [new QuietPeriod(Cal.T("02:30"), Cal.T("06:00"))] };
        Assert.Equal("06:00/5/AfterBackToBack", Cal.Plan("00:30-01:59; 03:20-06:00", settings, hours: hours, day: day));
    }

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Europe/Berlin")]
    public void An_all_day_out_of_office_stored_as_local_midnights_clears_its_own_day_only(string zone)
    {
        var hours = Cal.Hours(zone);
        var tuesday = Cal.Monday.AddDays(1);
        var midnight = hours.ToInstant(tuesday, TimeOnly.MinValue);
        var away = new CalendarBlock(midnight, hours.ToInstant(tuesday.AddDays(1), TimeOnly.MinValue), ShowAs.OutOfOffice, IsAllDay: true);
        foreach (var day in new[] { Cal.Monday, tuesday, tuesday.AddDays(1) })
        {
            var blocks = Cal.Blocks(hours, day, "10:00-11:00").Append(away).ToList();
            Assert.Equal(day == tuesday ? 0 : 1, BreakPlanner.Plan(day, hours, blocks, PlannerSettings.Default).Count);
        }
    }

    [Fact]
    public void An_all_day_entry_ending_at_a_skipped_midnight_does_not_block_the_next_day()
    {
        // America/Santiago skips midnight on 7 September 2025; an all-day entry on the 6th ends at 01:00 on the 7th.
        var hours = Cal.Hours("America/Santiago", everyDay: true);
        var saturday = new DateOnly(2025, 9, 6);
        var away = new CalendarBlock(hours.ToInstant(saturday, TimeOnly.MinValue), hours.ToInstant(saturday.AddDays(1), TimeOnly.MinValue),
            ShowAs.OutOfOffice, IsAllDay: true);
        Assert.Equal(1, away.End.Hour);
        var sunday = saturday.AddDays(1);
        Assert.Empty(BreakPlanner.Plan(saturday, hours, Cal.Blocks(hours, saturday, "10:00-11:00").Append(away).ToList(), PlannerSettings.Default));
        Assert.Single(BreakPlanner.Plan(sunday, hours, Cal.Blocks(hours, sunday, "10:00-11:00").Append(away).ToList(), PlannerSettings.Default));
    }

    [Fact]
    public void Identical_entries_give_the_same_plan_in_any_order()
    {
        var hours = Cal.Hours();
        var start = Cal.At(hours, Cal.Monday, "10:00");
        CalendarBlock meeting = new(start, start.AddHours(1), ShowAs.Busy), away = new(start, start.AddHours(1), ShowAs.OutOfOffice);
        var one = BreakPlanner.Plan(Cal.Monday, hours, [meeting, away], PlannerSettings.Default);
        var other = BreakPlanner.Plan(Cal.Monday, hours, [away, meeting], PlannerSettings.Default);
        Assert.Equal(one, other);
        Assert.Empty(one); // the entry that ends last is out-of-office: nothing follows it
    }

    [Theory]
    [InlineData(0)]
    [InlineData(241)]
    [InlineData(-5)]
    public void Out_of_range_lengths_are_a_validation_error(int length)
    {
        var settings = new PlannerSettings { Lengths = [3, length] };
        Assert.NotEmpty(settings.Problems());
        Assert.Throws<ArgumentException>(() => Cal.Plan("10:00-11:00", settings));
        Assert.Empty(PlannerSettings.Default.Problems());
    }
}
