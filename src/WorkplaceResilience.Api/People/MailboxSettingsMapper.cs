using Microsoft.Graph.Models;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.People;

/// <summary>Turns Graph's mailbox settings into the working hours and zone the planner uses.</summary>
public static class MailboxSettingsMapper
{
    /// <param name="defaultStart">The organisation's working day (its admin's setting), for a mailbox that has no working hours.</param>
    public static void Apply(MailboxSettings mailbox, Employee employee, TimeOnly defaultStart, TimeOnly defaultEnd)
    {
        var hours = mailbox.WorkingHours;
        if (hours?.StartTime is null || hours.EndTime is null) (employee.WorkStart, employee.WorkEnd) = (defaultStart, defaultEnd);
        var zone = hours?.TimeZone?.Name ?? mailbox.TimeZone;
        if (!string.IsNullOrWhiteSpace(zone) && LocalTime.TryFind(zone, out _)) employee.TimeZone = zone;
        if (hours?.StartTime is { } start) employee.WorkStart = new TimeOnly(start.Hour, start.Minute);
        if (hours?.EndTime is { } end) employee.WorkEnd = new TimeOnly(end.Hour, end.Minute);
        if (hours?.DaysOfWeek is { Count: > 0 } days)
            employee.WorkDays = days.Where(d => d.HasValue).Aggregate(0, (bits, d) => bits | 1 << (int)ToDayOfWeek(d!.Value));
    }

    private static DayOfWeek ToDayOfWeek(DayOfWeekObject day) => day switch
    {
        DayOfWeekObject.Sunday => DayOfWeek.Sunday,
        DayOfWeekObject.Monday => DayOfWeek.Monday,
        DayOfWeekObject.Tuesday => DayOfWeek.Tuesday,
        DayOfWeekObject.Wednesday => DayOfWeek.Wednesday,
        DayOfWeekObject.Thursday => DayOfWeek.Thursday,
        DayOfWeekObject.Friday => DayOfWeek.Friday,
        _ => DayOfWeek.Saturday,
    };
}
