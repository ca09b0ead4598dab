using System.Globalization;

namespace WorkplaceResilience.Core.Reporting;

/// <summary>
/// HR's periods are ISO weeks (Monday to Sunday), each person's in their own time zone, so that meeting load is counted
/// on the days people actually lived. A week is closed once it has ended everywhere on earth (UTC−12 ends it on Monday
/// at 12:00 UTC) and a further day has passed for late answers and calendar reads.
/// </summary>
public static class ReportWeeks
{
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly LastClosed(DateTimeOffset now) =>
        MondayOf(DateOnly.FromDateTime(now.UtcDateTime.AddHours(-12).AddDays(-1))).AddDays(-7);

    /// <summary>"2026-W09": the week's ISO name, also part of each noise label.</summary>
    public static string Label(DateOnly monday)
    {
        var day = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }
}

/// <summary>One local day's meetings as HR's meeting-load figures count them.</summary>
public readonly record struct DayMeetings(int Minutes, int BackToBackMinutes, int LongestRunMinutes)
{
    /// <summary>Two hours or more of meetings back to back.</summary>
    public bool IsHeavy => LongestRunMinutes >= MeetingLoad.HeavyRunMinutes;
}

/// <summary>Meeting load of a day: busy minutes (overlaps counted once) and runs of meetings with under five minutes between them.</summary>
public static class MeetingLoad
{
    public static readonly TimeSpan BackToBackGap = TimeSpan.FromMinutes(5);
    public const int HeavyRunMinutes = 120;

    /// <param name="meetings">The day's meetings in local time, sorted by start.</param>
    public static DayMeetings Of(IReadOnlyList<(DateTime Start, DateTime End)> meetings)
    {
        var minutes = 0.0;
        var backToBack = 0.0;
        var longest = 0.0;
        var i = 0;
        while (i < meetings.Count)
        {
            // One run: meetings that start less than the gap after the run so far ends.
            var runStart = meetings[i].Start;
            var covered = meetings[i].Start;
            var runEnd = meetings[i].End;
            var busy = 0.0;
            var count = 0;
            while (i < meetings.Count && (count == 0 || meetings[i].Start - runEnd < BackToBackGap))
            {
                var (start, end) = meetings[i];
                var from = start > covered ? start : covered;
                if (end > from) busy += (end - from).TotalMinutes;
                if (end > covered) covered = end;
                if (end > runEnd) runEnd = end;
                count++;
                i++;
            }
            minutes += busy;
            if (count < 2) continue;
            backToBack += busy;
            longest = Math.Max(longest, (runEnd - runStart).TotalMinutes);
        }
        return new DayMeetings((int)Math.Round(minutes), (int)Math.Round(backToBack), (int)Math.Round(longest));
    }
}
