using System.Globalization;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Core.Tests.Planning;

/// <summary>A tiny language for calendar days in tests: "10:00-11:00 B; 11:00-11:30 T" in the person's local time.</summary>
internal static class Cal
{
    public static readonly DateOnly Monday = new(2025, 3, 10);

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    public static WorkingHours Hours(string zone = "Europe/Berlin", string start = "09:00", string end = "17:00", bool everyDay = false) =>
        new(TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture),
            everyDay ? Enum.GetValues<DayOfWeek>() : WorkingHours.Weekdays, Zone(zone));

    /// <summary>
    /// Codes: B busy, T tentative, F free, O out of office, W working elsewhere, X cancelled busy, D declined busy,
    /// S focus (busy), AB all-day busy, AO all-day out of office, AF all-day free. Times may carry "+1"/"-1" for the
    /// next/previous day (e.g. "23:00-01:00+1", "p22:00-10:00"). An empty string is an empty day.
    /// </summary>
    public static List<CalendarBlock> Blocks(WorkingHours hours, DateOnly day, string spec)
    {
        var blocks = new List<CalendarBlock>();
        foreach (var raw in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var code = parts.Length > 1 ? parts[1] : parts[0].StartsWith('A') ? parts[0] : "B";
            if (code.StartsWith('A'))
            {
                // As the host stores them: the instants of the person's local midnights.
                var showAs = code switch { "AO" => ShowAs.OutOfOffice, "AF" => ShowAs.Free, _ => ShowAs.Busy };
                blocks.Add(new CalendarBlock(Midnight(hours, day), Midnight(hours, day.AddDays(1)), showAs, IsAllDay: true));
                continue;
            }
            var times = parts[0].Split('-');
            var start = At(hours, day, times[0]);
            var end = At(hours, day, times[1]);
            blocks.Add(code switch
            {
                "T" => new CalendarBlock(start, end, ShowAs.Tentative),
                "F" => new CalendarBlock(start, end, ShowAs.Free),
                "O" => new CalendarBlock(start, end, ShowAs.OutOfOffice),
                "W" => new CalendarBlock(start, end, ShowAs.WorkingElsewhere),
                "X" => new CalendarBlock(start, end, ShowAs.Busy, IsCancelled: true),
                "D" => new CalendarBlock(start, end, ShowAs.Busy, Response: ResponseStatus.Declined),
                "S" => new CalendarBlock(start, end, ShowAs.Busy, IsFocus: true),
                "B" => new CalendarBlock(start, end, ShowAs.Busy, Response: ResponseStatus.Accepted),
                _ => throw new ArgumentException($"unknown code {code}"),
            });
        }
        return blocks;
    }

    private static DateTimeOffset Midnight(WorkingHours hours, DateOnly day) =>
        WorkingHours.LocalToInstant(hours.TimeZone, day.ToDateTime(TimeOnly.MinValue), earlier: true);

    public static DateTimeOffset At(WorkingHours hours, DateOnly day, string time)
    {
        var shift = 0;
        if (time.EndsWith("+1", StringComparison.Ordinal)) { shift = 1; time = time[..^2]; }
        if (time.StartsWith('p')) { shift = -1; time = time[1..]; }
        return hours.ToInstant(day.AddDays(shift), TimeOnly.Parse(time, CultureInfo.InvariantCulture));
    }

    /// <summary>"11:00/5/Gap 12:30/3/AfterBackToBack" in the person's local time.</summary>
    public static string Describe(IEnumerable<PlannedBreak> breaks, WorkingHours hours) =>
        string.Join(' ', breaks.Select(b =>
            $"{TimeZoneInfo.ConvertTime(b.Start, hours.TimeZone):HH:mm}/{b.LengthMinutes}/{b.Reason}"));

    public static string Plan(string spec, PlannerSettings? settings = null, PlannerHistory? history = null,
        WorkingHours? hours = null, DateOnly? day = null)
    {
        hours ??= Hours();
        var d = day ?? Monday;
        var blocks = Blocks(hours, d, spec);
        return Describe(BreakPlanner.Plan(d, hours, blocks, settings ?? PlannerSettings.Default, history), hours);
    }

    public static TimeOnly T(string time) => TimeOnly.Parse(time, CultureInfo.InvariantCulture);
}
