using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

/// <summary>
/// Days a person would judge, with the moments they would choose. Defaults: Monday, Berlin, 09:00–17:00, cap 3, spacing
/// 60 min, quiet first 30 min, lengths 1/3/5 (the rules: README, "How breaks are chosen").
/// </summary>
public class ExampleDayTests
{
    [Fact]
    public void Meeting_marathon_with_a_lunch_gap()
    {
        // Five meetings back to back with 2- and 3-minute changeovers, a free lunch hour, one meeting after it.
        var day = "09:00-09:28; 09:30-09:57; 10:00-10:58; 11:00-11:28; 11:30-12:00; 13:00-14:00";
        // The end of the marathon (also the start of lunch) first, then after the afternoon meeting; the marathon itself
        // gets one short breath in its only changeover long enough for a practice plus slack, never two or three.
        Assert.Equal("09:57/1/Gap 12:00/5/AfterBackToBack 14:00/5/Gap", Cal.Plan(day));
        // With a cap of two, both go to real gaps, none into the marathon.
        Assert.Equal("12:00/5/AfterBackToBack 14:00/5/Gap", Cal.Plan(day, new PlannerSettings { DailyCap = 2 }));
    }

    [Fact]
    public void Heavy_morning_with_a_free_afternoon()
    {
        // Three and a quarter hours of meetings with 3-minute changeovers, then nothing until the end of the day.
        var day = "09:00-10:00; 10:03-11:30; 11:33-12:15";
        // The end of the heavy morning is kept (it is the most wanted moment); the changeover near it is dropped, not it.
        Assert.Equal("10:00/1/Gap 12:15/5/AfterBackToBack", Cal.Plan(day));
        // With a spacing of two and a half hours the early changeover cannot stay, and the end of the morning still does.
        Assert.Equal("12:15/5/AfterBackToBack", Cal.Plan(day, new PlannerSettings { MinimumSpacing = TimeSpan.FromMinutes(150) }));
    }

    [Fact]
    public void Heavy_morning_re_planned_after_its_end_still_offers_in_the_free_afternoon()
    {
        // Re-planned at 12:20 after an offer at 12:00: the offer slides into the free afternoon, spaced from the first.
        var hours = Cal.Hours();
        var history = new PlannerHistory { NotBefore = Cal.At(hours, Cal.Monday, "12:20"), OffersToday = [Cal.At(hours, Cal.Monday, "12:00")] };
        Assert.Equal("13:00/5/AfterBackToBack", Cal.Plan("09:00-10:00; 10:03-11:30; 11:33-12:15", history: history));
    }

    [Fact]
    public void Night_shift_with_meetings_after_midnight()
    {
        var hours = Cal.Hours(start: "22:00", end: "06:00", everyDay: true);
        var day = "22:30-23:30; 23:30-00:45+1; 02:00+1-02:30+1; 04:00+1-04:30+1";
        // The handover run ends at 00:45; the meetings at 02:00 and 04:00 (next calendar day) are respected.
        Assert.Equal("00:45/5/AfterBackToBack 02:30/5/Gap 04:30/5/Gap", Cal.Plan(day, hours: hours));
    }

    [Fact]
    public void Night_shift_ignores_the_next_evenings_shift_and_the_previous_mornings_meetings()
    {
        var hours = Cal.Hours(start: "22:00", end: "06:00", everyDay: true);
        Assert.Equal("23:30/5/Gap", Cal.Plan("p05:00-p05:30; 23:00-23:30; 22:30+1-23:00+1", hours: hours));
    }
}
