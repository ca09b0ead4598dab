using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

public class BreakPreferencesTests
{
    private static readonly PlannerSettings Organisation = PlannerSettings.Default with
    {
        DailyCap = 4,
        QuietHours = [new QuietPeriod(new TimeOnly(12, 0), new TimeOnly(13, 0))],
    };

    [Fact]
    public void A_person_may_ask_for_fewer_breaks_and_more_quiet_never_more_breaks_or_less_spacing()
    {
        var own = new BreakPreferences
        {
            DailyCap = 8,
            MinimumSpacing = TimeSpan.FromMinutes(10),
            QuietHours = new QuietPeriod(new TimeOnly(16, 0), new TimeOnly(9, 0)),
            Lengths = [1],
            TentativeIsBusy = false,
            ArrivalPractice = true,
        };
        var settings = own.ApplyTo(Organisation);
        Assert.Equal(4, settings.DailyCap);
        Assert.Equal(Organisation.MinimumSpacing, settings.MinimumSpacing);
        Assert.Equal([Organisation.QuietHours[0], own.QuietHours!.Value], settings.QuietHours);
        Assert.Equal([1], settings.Lengths);
        Assert.False(settings.TentativeIsBusy);
        Assert.True(settings.ArrivalPractice);

        var fewer = new BreakPreferences { DailyCap = 2, MinimumSpacing = TimeSpan.FromMinutes(120) }.ApplyTo(Organisation);
        Assert.Equal(2, fewer.DailyCap);
        Assert.Equal(TimeSpan.FromMinutes(120), fewer.MinimumSpacing);
    }

    [Fact]
    public void Defaults_change_nothing_and_own_working_hours_keep_the_mailbox_days_and_zone()
    {
        var unchanged = BreakPreferences.Default.ApplyTo(Organisation);
        Assert.Equal(Organisation with { Lengths = unchanged.Lengths, QuietHours = unchanged.QuietHours }, unchanged);
        Assert.Equal(Organisation.Lengths, unchanged.Lengths);
        Assert.Equal(Organisation.QuietHours, unchanged.QuietHours);
        var mailbox = new WorkingHours(new TimeOnly(9, 0), new TimeOnly(17, 0), WorkingHours.Weekdays, TimeZoneInfo.Utc);
        Assert.Same(mailbox, BreakPreferences.Default.ApplyTo(mailbox));
        var night = new BreakPreferences { WorkingHours = (new TimeOnly(21, 0), new TimeOnly(7, 0)) }.ApplyTo(mailbox);
        Assert.Equal((new TimeOnly(21, 0), new TimeOnly(7, 0)), (night.Start, night.End));
        Assert.True(night.IsOvernight);
        Assert.Same(mailbox.Days, night.Days);
    }

    [Fact]
    public void Off_or_paused_days_get_nothing_and_breaks_resume_on_the_pause_date()
    {
        var day = new DateOnly(2026, 3, 2);
        Assert.True(new BreakPreferences { BreaksOn = false }.IsOff(day));
        var paused = new BreakPreferences { PausedUntil = day.AddDays(1) };
        Assert.True(paused.IsOff(day));
        Assert.False(paused.IsOff(day.AddDays(1)));
        Assert.False(BreakPreferences.Default.IsOff(day));
    }
}
