using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

/// <summary>One row per planner rule. Defaults: Monday, Berlin, 09:00–17:00, cap 3, spacing 60 min, quiet first 30 min, lengths 1/3/5.</summary>
public class BreakPlannerRuleTests
{
    public static TheoryData<string, string, string> DefaultSettingsCases => new()
    {
        { "empty day", "", "" },
        { "one meeting: offer right after it, longest length", "10:00-11:00", "11:00/5/Gap" },
        { "gap under a minute gets nothing", "10:00-11:00; 11:00-11:30; 11:30-12:00; 13:00-13:30", "12:00/5/AfterBackToBack 13:30/5/Gap" },
        { "long gap gets the longest length at its start", "10:00-10:30; 14:00-14:30", "10:30/5/Gap 14:30/5/Gap" },
        { "back-to-back run of 90 minutes with gaps under 5: changeovers too close to its end", "10:00-10:30; 10:32-11:00; 11:03-11:40; 13:00-13:30", "11:40/5/AfterBackToBack 13:30/5/Gap" },
        { "a 2-minute changeover is no break even in a marathon", "10:00-10:58; 11:00-12:30; 13:00-13:30", "12:30/5/AfterBackToBack 13:30/5/Gap" },
        { "one short practice in a 3-minute changeover of a marathon, far from its end", "09:30-10:57; 11:00-12:40; 14:00-14:30", "10:57/1/Gap 12:40/5/AfterBackToBack 14:30/5/Gap" },
        { "run shorter than 90 minutes is just a gap", "10:00-10:30; 10:32-11:00; 12:00-12:30", "11:00/5/Gap 12:30/5/Gap" },
        { "a 5-minute gap ends the run", "10:00-10:45; 10:50-11:40; 13:00-13:30", "11:40/5/Gap 13:30/5/Gap" },
        { "fully booked day", "09:00-17:00", "" },
        { "fully booked with touching meetings", "09:00-11:00; 11:00-13:00; 13:00-15:00; 15:00-17:00", "" },
        { "meeting after working hours is ignored", "10:00-11:00; 17:00-18:00", "11:00/5/Gap" },
        { "gap at the end of the day is cut at working hours", "10:00-11:00; 12:00-16:58", "11:53/5/Gap 16:58/1/Gap" },
        { "before a long run: the offer sits just before it, leaving the slack", "10:00-11:00; 14:00-15:40", "13:53/5/Gap 15:40/5/AfterBackToBack" },
        { "meeting before work is clipped to working hours", "07:00-09:45", "09:45/5/Gap" },
        { "no offer in the first 30 minutes: moved to 09:30", "09:00-09:10; 12:00-12:30", "09:30/5/Gap 12:30/5/Gap" },
        { "whole gap inside the first 30 minutes", "09:00-09:10; 09:12-10:00", "10:00/5/Gap" },
        { "cancelled meetings are ignored", "10:00-11:00 X; 12:00-13:00", "13:00/5/Gap" },
        { "declined meetings are ignored", "10:00-11:00 D; 11:00-12:00 D", "" },
        { "free and working-elsewhere entries are not busy", "10:00-11:00 F; 11:00-12:00 W; 14:00-15:00", "15:00/5/Gap" },
        { "tentative counts as busy by default", "10:00-11:00 T", "11:00/5/Gap" },
        { "overlapping meetings merge", "10:00-10:30; 10:15-10:45; 10:40-11:00", "11:00/5/Gap" },
        { "a meeting inside another merges", "10:00-12:00; 10:30-11:00", "12:00/5/AfterBackToBack" },
        { "zero-length meeting is not busy and does not split a gap", "10:00-10:00; 11:00-12:00", "12:00/5/Gap" },
        { "only zero-length entries: empty day", "10:00-10:00; 11:00-11:00", "" },
        { "out-of-office block: nothing right after it", "10:00-11:00; 13:00-15:00 O", "11:00/5/Gap" },
        { "out-of-office overlapping the end of a meeting", "10:00-11:00; 10:30-12:00 O; 14:00-14:30", "14:30/5/Gap" },
        { "focus block is busy but not meeting load", "10:00-12:00 S; 14:00-14:30", "12:00/5/Gap 14:30/5/Gap" },
        { "focus time does not make a back-to-back run", "10:00-11:00 S; 11:00-11:45", "11:45/5/Gap" },
        { "all-day out-of-office clears the day", "AO; 10:00-11:00", "" },
        { "all-day busy clears the day", "AB; 10:00-11:00", "" },
        { "all-day free changes nothing", "AF; 10:00-11:00", "11:00/5/Gap" },
        { "meeting from the night before that runs into the day", "p22:00-10:00", "10:00/5/Gap" },
        { "meeting that crosses into tomorrow is clipped", "16:00-02:00+1; 10:00-11:00", "11:00/5/Gap" },
        { "cap of 3: before and after the long run, and the end of a heavy day", "09:30-10:00; 11:00-13:00; 14:00-14:30; 15:00-16:00; 16:30-16:45", "10:53/5/Gap 13:00/5/AfterBackToBack 16:45/5/Gap" },
        { "start of lunch wins over a short gap too close to it", "10:00-11:00; 11:10-11:50; 13:00-13:30", "11:50/5/Gap 13:30/5/Gap" },
        { "spacing: an offer slides within its gap to keep the spacing", "09:30-10:30; 10:35-11:00", "10:30/3/Gap 11:30/5/Gap" },
        { "spacing: exactly 60 minutes apart is allowed", "10:00-11:00; 11:20-12:00", "11:00/5/Gap 12:00/5/Gap" },
    };

    [Theory]
    [MemberData(nameof(DefaultSettingsCases))]
    public void Rule(string rule, string meetings, string expected)
    {
        Assert.True(rule.Length > 0);
        Assert.Equal(expected, Cal.Plan(meetings));
    }

    [Theory]
    [InlineData("gap of 7 minutes gets 5 and leaves the 2-minute slack", "10:00-10:30; 10:37-11:00", "10:30/5/Gap 11:00/5/Gap")]
    [InlineData("gap of 6 minutes gets 3", "10:00-10:30; 10:36-11:00", "10:30/3/Gap 11:00/5/Gap")]
    [InlineData("gap of 5 minutes gets 3", "10:00-10:30; 10:35-11:00", "10:30/3/Gap 11:00/5/Gap")]
    [InlineData("gap of 4 minutes gets 1", "10:00-10:30; 10:34-11:00", "10:30/1/Gap 11:00/5/Gap")]
    [InlineData("gap of 3 minutes gets 1", "10:00-10:30; 10:33-11:00", "10:30/1/Gap 11:00/5/Gap")]
    [InlineData("gap of 2 minutes is a changeover, not a break", "10:00-10:30; 10:32-11:00", "11:00/5/Gap")]
    [InlineData("gap of 30 seconds gets nothing", "10:00-10:30; 10:30:30-11:00", "11:00/5/Gap")]
    public void Offers_are_sized_to_the_gap(string rule, string meetings, string expected)
    {
        Assert.True(rule.Length > 0);
        var settings = new PlannerSettings { MinimumSpacing = TimeSpan.Zero, BackToBackGap = TimeSpan.FromMinutes(1) };
        Assert.Equal(expected, Cal.Plan(meetings, settings));
    }

    [Theory]
    [InlineData(true, "11:00/5/Gap")]
    [InlineData(false, "")]
    public void Tentative_follows_the_setting(bool tentativeIsBusy, string expected) =>
        Assert.Equal(expected, Cal.Plan("10:00-11:00 T", new PlannerSettings { TentativeIsBusy = tentativeIsBusy }));

    [Fact]
    public void Tentative_as_free_opens_the_gap_it_covered() =>
        Assert.Equal("10:00/5/Gap 12:00/5/Gap", Cal.Plan("09:30-10:00; 10:00-11:00 T; 11:00-11:15",
            new PlannerSettings { TentativeIsBusy = false, MinimumSpacing = TimeSpan.FromMinutes(120) }));

    public static TheoryData<string, string, string> ArrivalCases => new()
    {
        { "touching meetings: arrival at the start of the next one", "10:00-10:30; 10:30-11:15; 14:00-14:30", "10:30/1/Arrival 11:15/5/Gap 14:30/5/Gap" },
        { "a long run ends with the after-run break, arrival fills before it", "10:00-11:00; 11:00-12:00; 15:00-15:30", "11:00/1/Arrival 12:00/5/AfterBackToBack 15:30/5/Gap" },
        { "no arrival into a focus block", "10:00-11:00; 11:00-12:00 S", "12:00/5/Gap" },
        { "arrivals rank after real gaps when the cap binds", "09:30-10:00; 10:00-11:00; 12:00-13:00; 14:00-15:00; 16:00-16:30",
            "11:00/5/AfterBackToBack 13:00/5/Gap 16:30/5/Gap" },
    };

    [Theory]
    [MemberData(nameof(ArrivalCases))]
    public void Arrival_practice_when_wanted(string rule, string meetings, string expected)
    {
        Assert.True(rule.Length > 0);
        var settings = new PlannerSettings { ArrivalPractice = true, MinimumSpacing = TimeSpan.FromMinutes(30) };
        Assert.Equal(expected, Cal.Plan(meetings, settings));
    }

    [Fact]
    public void Arrival_is_off_by_default() =>
        Assert.Equal("11:15/5/Gap", Cal.Plan("10:00-10:30; 10:30-11:15"));

    [Fact]
    public void Arrival_only_for_gaps_shorter_than_the_shortest_length_plus_slack()
    {
        var settings = new PlannerSettings { ArrivalPractice = true, Lengths = [3], MinimumSpacing = TimeSpan.Zero, BackToBackGap = TimeSpan.FromMinutes(1) };
        Assert.Equal("10:30/3/Gap 11:30/3/Gap", Cal.Plan("10:00-10:30; 10:30-10:30; 10:35-11:30", settings));
        Assert.Equal("10:34/1/Arrival 11:30/3/Gap", Cal.Plan("10:00-10:30; 10:34-11:30", settings));
    }

    public static TheoryData<string, string, string> QuietHourCases => new()
    {
        { "12:00-13:00", "10:00-12:00; 14:00-14:30", "13:00/5/AfterBackToBack 14:30/5/Gap" },
        { "12:00-13:00", "11:00-12:00; 12:10-13:00", "13:00/5/Gap" },
        { "12:00-13:00", "11:00-11:58", "13:00/5/Gap" },
        { "16:30-08:00", "10:00-11:00; 15:00-16:28", "11:00/5/Gap 16:28/1/Gap" },
        { "16:30-08:00", "10:00-11:00; 15:00-16:40", "14:53/5/Gap" },
        { "00:00-10:30", "09:00-10:00; 11:00-11:30", "10:30/5/Gap 11:30/5/Gap" },
        { "11:00-11:03", "10:00-11:00; 12:00-12:30", "11:03/5/Gap 12:30/5/Gap" },
    };

    [Theory]
    [MemberData(nameof(QuietHourCases))]
    public void Quiet_hours(string quiet, string meetings, string expected)
    {
        var times = quiet.Split('-');
        var settings = new PlannerSettings { QuietHours = [new QuietPeriod(Cal.T(times[0]), Cal.T(times[1]))] };
        Assert.Equal(expected, Cal.Plan(meetings, settings));
    }

    [Fact]
    public void Cap_and_length_settings()
    {
        var day = "10:00-11:00; 12:00-13:00; 14:00-15:00; 16:00-16:30";
        Assert.Equal("13:00/5/Gap", Cal.Plan(day, new PlannerSettings { DailyCap = 1 })); // the start of lunch
        Assert.Equal("", Cal.Plan(day, new PlannerSettings { DailyCap = 0 }));
        Assert.Equal("11:00/5/Gap 13:00/5/Gap 15:00/5/Gap 16:30/5/Gap", Cal.Plan(day, new PlannerSettings { DailyCap = 5 }));
        Assert.Equal("11:00/3/Gap 13:00/3/Gap 15:00/3/Gap", Cal.Plan(day, new PlannerSettings { Lengths = [1, 3] }));
        Assert.Equal("", Cal.Plan(day, new PlannerSettings { Lengths = [] }));
        Assert.Equal("13:00/5/Gap", Cal.Plan(day, new PlannerSettings { MinimumSpacing = TimeSpan.FromHours(4) }));
    }

    [Fact]
    public void Custom_back_to_back_thresholds()
    {
        var settings = new PlannerSettings { BackToBackRun = TimeSpan.FromMinutes(60), BackToBackGap = TimeSpan.FromMinutes(10) };
        Assert.Equal("10:30/5/Gap 11:20/5/AfterBackToBack", Cal.Plan("10:00-10:30; 10:37-11:20", settings with { MinimumSpacing = TimeSpan.FromMinutes(30) }));
    }

    [Fact]
    public void Weekend_and_non_working_days_get_nothing()
    {
        Assert.Equal("", Cal.Plan("10:00-11:00", day: new DateOnly(2025, 3, 8)));
        Assert.Equal("11:00/5/Gap", Cal.Plan("10:00-11:00", day: new DateOnly(2025, 3, 8), hours: Cal.Hours(everyDay: true)));
    }

    [Fact]
    public void Recurring_occurrences_are_planned_per_day_and_a_cancelled_occurrence_frees_its_slot()
    {
        var hours = Cal.Hours();
        var blocks = new List<CalendarBlock>();
        for (var d = 0; d < 5; d++)
        {
            var day = Cal.Monday.AddDays(d);
            var standup = Cal.Blocks(hours, day, d == 2 ? "09:45-10:15 X" : "09:45-10:15")[0];
            blocks.Add(standup);
            blocks.AddRange(Cal.Blocks(hours, day, "10:15-11:00; 14:00-14:30"));
        }
        string PlanDay(int d) => Cal.Describe(BreakPlanner.Plan(Cal.Monday.AddDays(d), hours, blocks, PlannerSettings.Default), hours);
        Assert.Equal("11:00/5/Gap 14:30/5/Gap", PlanDay(0));
        Assert.Equal("11:00/5/Gap 14:30/5/Gap", PlanDay(2)); // the cancelled occurrence removes 30 minutes of load, same moments
        var loadMonday = BreakPlanner.Measure(Cal.Monday, hours, blocks, PlannerSettings.Default);
        var loadWednesday = BreakPlanner.Measure(Cal.Monday.AddDays(2), hours, blocks, PlannerSettings.Default);
        Assert.Equal(105, loadMonday.MeetingMinutes);
        Assert.Equal(75, loadWednesday.MeetingMinutes);
        Assert.Equal(1, loadMonday.BackToBackTransitions);
        Assert.Equal(0, loadWednesday.BackToBackTransitions);
    }

    [Fact]
    public void Overnight_shift_with_a_meeting_across_midnight()
    {
        var hours = Cal.Hours(start: "22:00", end: "06:00");
        Assert.True(hours.IsOvernight);
        var result = Cal.Plan("23:30-00:30+1; 02:00+1-03:00+1", hours: hours);
        Assert.Equal("00:30/5/Gap 03:00/5/Gap", result);
    }
}
