using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Breaks;

/// <summary>"Leave room to breathe": whether the person's own recent calendar suggests ending meetings early.</summary>
/// <param name="Suggest">Back-to-back on most of the working days observed (Core's <see cref="MeetingLoadAdvisor"/>).</param>
/// <param name="DaysObserved">Working days in the look-back since the service first read this calendar.</param>
/// <param name="BackToBackDays">Of those, the days with long back-to-back runs.</param>
/// <param name="OutlookSettingsUrl">Outlook on the web's page that holds "End appointments and meetings early".</param>
public sealed record RoomToBreatheDto(bool Suggest, int DaysObserved, int BackToBackDays, string OutlookSettingsUrl);

/// <summary>Measures the person's stored calendar blocks (times and flags only) over the last two weeks.</summary>
public static class RoomToBreathe
{
    /// <summary>Days looked back over, today included.</summary>
    public const int LookBackDays = 14;

    /// <summary>
    /// Outlook on the web: Settings › Calendar › Events and invitations, where "End appointments and meetings early"
    /// sets how many minutes early meetings under an hour (5) and of an hour or more (10) end. The page and the option
    /// are as Microsoft's Outlook support pages describe them; the path is the one Outlook on the web opens for that
    /// page (seen in public set-up guides linking to it). outlook.office.com redirects to outlook.cloud.microsoft
    /// where that is the tenant's host.
    /// </summary>
    public const string OutlookSettingsUrl = "https://outlook.office.com/mail/options/calendar/eventAndInvitations";

    /// <remarks>
    /// Days before the first stored calendar entry in the look-back are not counted: the service had not read the
    /// calendar yet, and an unread day is not a light day.
    /// </remarks>
    public static async Task<RoomToBreatheDto> AdviseAsync(
        CalendarStore calendar, Employee employee, PlannerSettings settings, DateOnly today, CancellationToken cancellationToken)
    {
        var hours = LocalTime.WorkingHoursOf(employee);
        var first = today.AddDays(1 - LookBackDays);
        var blocks = await calendar.BlocksAsync(employee.Id,
            LocalTime.StartOfDay(hours.TimeZone, first), LocalTime.StartOfDay(hours.TimeZone, today.AddDays(1)), cancellationToken);
        if (blocks.Count == 0) return new RoomToBreatheDto(false, 0, 0, OutlookSettingsUrl);

        var firstRead = LocalTime.TodayFor(hours.TimeZone, blocks.Min(b => b.Start));
        if (firstRead > first) first = firstRead;
        var loads = new List<DayLoad>();
        for (var day = first; day <= today; day = day.AddDays(1))
            loads.Add(BreakPlanner.Measure(day, hours, blocks, settings));
        var advice = MeetingLoadAdvisor.EndMeetingsEarly(loads);
        return new RoomToBreatheDto(advice.Suggest, advice.DaysObserved, advice.BackToBackDays, OutlookSettingsUrl);
    }
}
