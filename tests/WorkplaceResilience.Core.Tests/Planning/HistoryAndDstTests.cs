using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

public class HistoryTests
{
    private const string Day = "10:00-11:00; 12:00-13:00; 14:00-15:00; 16:00-16:30";
    private static readonly WorkingHours Hours = Cal.Hours();
    private static DateTimeOffset At(string time) => Cal.At(Hours, Cal.Monday, time);

    [Fact]
    public void Fresh_day() => Assert.Equal("11:00/5/Gap 13:00/5/Gap 15:00/5/Gap", Cal.Plan(Day, history: PlannerHistory.Empty));

    [Fact]
    public void Pause_for_today_clears_the_day() =>
        Assert.Equal("", Cal.Plan(Day, history: new PlannerHistory { PausedUntil = Pause.UntilEndOfToday(At("08:00"), Hours.TimeZone) }));

    [Fact]
    public void Pause_for_this_week_clears_the_rest_of_the_week()
    {
        var history = new PlannerHistory { PausedUntil = Pause.UntilEndOfWeek(At("08:00"), Hours.TimeZone) };
        Assert.Equal(new DateTimeOffset(2025, 3, 17, 0, 0, 0, TimeSpan.FromHours(1)), history.PausedUntil);
        Assert.Equal("", Cal.Plan(Day, history: history, day: Cal.Monday.AddDays(4)));
        Assert.Equal("11:00/5/Gap 13:00/5/Gap 15:00/5/Gap", Cal.Plan(Day, history: history, day: Cal.Monday.AddDays(7)));
    }

    [Fact]
    public void Pause_until_midday_keeps_the_afternoon() =>
        Assert.Equal("13:00/5/Gap 15:00/5/Gap 16:30/5/Gap", Cal.Plan(Day, history: new PlannerHistory { PausedUntil = At("12:30") }));

    [Fact]
    public void Not_before_now_when_replanning() =>
        Assert.Equal("13:05/5/Gap 15:00/5/Gap 16:30/5/Gap", Cal.Plan(Day, history: new PlannerHistory { NotBefore = At("13:05") }));

    [Fact]
    public void Snooze_moves_the_offer_past_it() =>
        Assert.Equal("11:20/5/Gap 13:00/5/Gap 15:00/5/Gap",
            Cal.Plan("10:00-11:00; 12:00-13:00; 14:00-15:00", history: new PlannerHistory { Snoozes = [new Snooze(At("10:55"), At("11:20"))] }));

    [Fact]
    public void Offers_already_made_count_against_cap_and_spacing() =>
        Assert.Equal("13:00/5/Gap 15:00/5/Gap",
            Cal.Plan(Day, history: new PlannerHistory { OffersToday = [At("10:30")] }));

    [Fact]
    public void Offers_from_other_days_do_not_count() =>
        Assert.Equal("11:00/5/Gap 13:00/5/Gap 15:00/5/Gap",
            Cal.Plan(Day, history: new PlannerHistory { OffersToday = [At("10:30").AddDays(-1)] }));

    [Fact]
    public void After_a_skip_the_next_offer_waits_twice_the_spacing() =>
        Assert.Equal("13:00/5/Gap 15:00/5/Gap",
            Cal.Plan(Day, history: new PlannerHistory { SkipsToday = [At("11:00")], OffersToday = [At("11:00")] }));

    [Fact]
    public void Skip_cooldown_moves_a_moment_two_hours_past_the_skip() =>
        Assert.Equal("13:30/5/Gap 15:00/5/Gap 16:30/5/Gap",
            Cal.Plan(Day, history: new PlannerHistory { SkipsToday = [At("11:30")] }));

    [Fact]
    public void Many_skips_in_a_row_back_off_to_one_offer_a_day()
    {
        Assert.Equal("13:00/5/Gap", Cal.Plan(Day, history: new PlannerHistory { ConsecutiveSkips = 3 }));
        Assert.Equal("11:00/5/Gap 13:00/5/Gap 15:00/5/Gap", Cal.Plan(Day, history: new PlannerHistory { ConsecutiveSkips = 2 }));
        Assert.Equal("11:00/5/Gap 13:00/5/Gap 15:00/5/Gap",
            Cal.Plan(Day, new PlannerSettings { SkipBackoffAfter = 0 }, new PlannerHistory { ConsecutiveSkips = 9 }));
    }
}

/// <summary>Daylight-saving days in two zones, by Windows and IANA names.</summary>
public class DaylightSavingTests
{
    private static WorkingHours AllDayEveryDay(string zone, string start = "00:00", string end = "08:00") =>
        Cal.Hours(zone, start, end, everyDay: true) ;

    private static readonly PlannerSettings NoQuietStart = new() { QuietStartOfDay = TimeSpan.Zero };

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific Standard Time")]
    public void Los_Angeles_spring_forward(string zone)
    {
        // 9 March 2025: 02:00 PST jumps to 03:00 PDT. The working "day" 00:00–08:00 is seven real hours.
        var hours = AllDayEveryDay(zone);
        var day = new DateOnly(2025, 3, 9);
        var (start, end) = hours.On(day);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 8, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 15, 0, 0, TimeSpan.Zero), end);
        CalendarBlock[] blocks =
        [
            new(Utc(2025, 3, 9, 9, 0), Utc(2025, 3, 9, 9, 30), ShowAs.Busy), // 01:00–01:30 PST
            new(Utc(2025, 3, 9, 10, 0), Utc(2025, 3, 9, 11, 0), ShowAs.Busy), // 03:00–04:00 PDT
        ];
        var plan = BreakPlanner.Plan(day, hours, blocks, NoQuietStart);
        Assert.Equal(
            [new PlannedBreak(Utc(2025, 3, 9, 9, 30), 5, BreakReason.Gap), new PlannedBreak(Utc(2025, 3, 9, 11, 0), 5, BreakReason.Gap)],
            plan);
        Assert.Equal(TimeSpan.FromHours(-8), plan[0].Start.Offset);
        Assert.Equal(TimeSpan.FromHours(-7), plan[1].Start.Offset);
    }

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific Standard Time")]
    public void Working_day_starting_inside_the_missing_hour_starts_when_the_clocks_jump(string zone)
    {
        var hours = AllDayEveryDay(zone, "02:30", "10:00");
        var (start, _) = hours.On(new DateOnly(2025, 3, 9));
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 3, 0, 0, TimeSpan.FromHours(-7)), start);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("W. Europe Standard Time")]
    public void Berlin_fall_back(string zone)
    {
        // 26 October 2025: 03:00 CEST falls back to 02:00 CET; 02:00–03:00 happens twice. The day 00:00–08:00 is nine real hours.
        var hours = AllDayEveryDay(zone);
        var day = new DateOnly(2025, 10, 26);
        var (start, end) = hours.On(day);
        Assert.Equal(new DateTimeOffset(2025, 10, 25, 22, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2025, 10, 26, 7, 0, 0, TimeSpan.Zero), end);
        CalendarBlock[] blocks =
        [
            new(Utc(2025, 10, 26, 0, 0), Utc(2025, 10, 26, 0, 30), ShowAs.Busy), // 02:00–02:30 CEST (first pass)
            new(Utc(2025, 10, 26, 1, 0), Utc(2025, 10, 26, 2, 0), ShowAs.Busy), // 02:00–03:00 CET (second pass)
        ];
        var plan = BreakPlanner.Plan(day, hours, blocks, NoQuietStart);
        Assert.Equal(
            [new PlannedBreak(Utc(2025, 10, 26, 0, 30), 5, BreakReason.Gap), new PlannedBreak(Utc(2025, 10, 26, 2, 0), 5, BreakReason.Gap)],
            plan);
        Assert.Equal(TimeSpan.FromHours(2), plan[0].Start.Offset);
        Assert.Equal(TimeSpan.FromHours(1), plan[1].Start.Offset);
    }

    [Theory]
    [InlineData("Europe/Berlin", 2025, 3, 30)]
    [InlineData("America/Los_Angeles", 2025, 11, 2)]
    public void Quiet_hours_follow_local_time_across_a_transition(string zone, int y, int m, int d)
    {
        var hours = AllDayEveryDay(zone, "00:00", "12:00");
        var day = new DateOnly(y, m, d);
        var settings = NoQuietStart with { QuietHours = [new QuietPeriod(Cal.T("22:00"), Cal.T("07:00"))] };
        var blocks = Cal.Blocks(hours, day, "05:00-06:00; 08:00-09:00");
        Assert.Equal("07:00/5/Gap 09:00/5/Gap", Cal.Describe(BreakPlanner.Plan(day, hours, blocks, settings), hours));
    }

    [Fact]
    public void Weekday_office_hours_on_the_weeks_when_only_the_US_has_changed()
    {
        // 10 March 2025: Los Angeles is on PDT (UTC-7), Berlin still on CET (UTC+1): an 8-hour difference, not 9.
        var berlin = Cal.Hours("Europe/Berlin");
        var meeting = new CalendarBlock(new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.FromHours(-7)),
            new DateTimeOffset(2025, 3, 10, 8, 30, 0, TimeSpan.FromHours(-7)), ShowAs.Busy);
        Assert.Equal("16:30/5/Gap", Cal.Describe(BreakPlanner.Plan(Cal.Monday, berlin, [meeting], PlannerSettings.Default), berlin));
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);
}

public class MeetingLoadTests
{
    [Fact]
    public void Measure_counts_meeting_minutes_runs_and_transitions()
    {
        var hours = Cal.Hours();
        var blocks = Cal.Blocks(hours, Cal.Monday, "09:30-10:00; 10:00-10:30; 10:32-11:30; 13:00-14:00 S; 15:00-15:30 X; 16:00-16:30");
        var load = BreakPlanner.Measure(Cal.Monday, hours, blocks, PlannerSettings.Default);
        Assert.Equal(new DayLoad(Cal.Monday, true, 148, 118, 2), load);
    }

    [Fact]
    public void End_meetings_early_when_back_to_back_most_days()
    {
        var days = Enumerable.Range(0, 5).Select(i => new DayLoad(Cal.Monday.AddDays(i), true, 300, i < 4 ? 150 : 30, i < 4 ? 3 : 0)).ToList();
        Assert.Equal(new EndMeetingsEarlyAdvice(true, 5, 4), MeetingLoadAdvisor.EndMeetingsEarly(days));
        days = Enumerable.Range(0, 5).Select(i => new DayLoad(Cal.Monday.AddDays(i), true, 200, i < 2 ? 150 : 30, i < 2 ? 3 : 0)).ToList();
        Assert.False(MeetingLoadAdvisor.EndMeetingsEarly(days).Suggest);
        Assert.False(MeetingLoadAdvisor.EndMeetingsEarly(days.Take(3).Select(d => d with { BackToBackTransitions = 4 })).Suggest); // too few days
        Assert.False(MeetingLoadAdvisor.EndMeetingsEarly([]).Suggest);
    }

    [Fact]
    public void End_meetings_early_from_real_calendars()
    {
        var hours = Cal.Hours();
        var loads = Enumerable.Range(0, 7).Select(i =>
        {
            var day = Cal.Monday.AddDays(i);
            return BreakPlanner.Measure(day, hours, Cal.Blocks(hours, day, "09:00-10:00; 10:00-11:00; 11:00-12:00; 14:00-15:00"), PlannerSettings.Default);
        }).ToList();
        Assert.Equal(2, loads.Count(l => !l.IsWorkingDay));
        Assert.Equal(new EndMeetingsEarlyAdvice(true, 5, 5), MeetingLoadAdvisor.EndMeetingsEarly(loads));
    }
}
