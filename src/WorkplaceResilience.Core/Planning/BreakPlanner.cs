namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// Finds the moments between meetings where a short break fits, sized to the gap, and picks the ones a person would
/// choose. Pure: same input (in any order), same output; no clock, no I/O.
/// </summary>
/// <remarks>
/// Four small steps on plain UTC date-time intervals; every local-time reading goes through <see cref="ZoneOffsets"/>.
/// <list type="number">
/// <item><b>Working day</b> (<see cref="WorkingFrame"/>): only working days, from the working start to the working end in
/// the person's zone; an overnight shift ends on the next calendar day and belongs to the day it starts.</item>
/// <item><b>Busy timeline</b> (<see cref="BusyTimeline"/>): cancelled and declined entries are ignored; tentative ones are
/// busy or free per setting; free and working-elsewhere entries are free; focus time is busy but not meeting load.
/// Overlapping entries merge; touching ones stay apart. Gaps under <see cref="PlannerSettings.BackToBackGap"/> keep a
/// back-to-back run going; a run with at least <see cref="PlannerSettings.BackToBackRun"/> of meetings is a long run (a
/// marathon). An all-day busy or out-of-office entry covering the day clears it; its dates are read as the nearest local
/// midnights, so it clears its own days and never a neighbour.</item>
/// <item><b>Blocked time</b> (<see cref="BlockedTime"/>): nothing in the first <see cref="PlannerSettings.QuietStartOfDay"/>,
/// before a pause or <see cref="PlannerHistory.NotBefore"/> ends, in quiet hours (local wall-clock time) or in a snooze.</item>
/// <item><b>Candidate moments</b> (<see cref="Moments"/>): one per gap after a meeting (the time before the day's
/// first meeting is not a gap: there is nothing to recover from yet). The offer is the longest accepted length that fits the free part of the gap,
/// leaving <see cref="PlannerSettings.ChangeoverSlack"/> before the next meeting: a changeover shorter than the practice
/// plus that slack is not a break. Nothing follows a timed out-of-office block. A gap too short for any practice gets an
/// arrival practice at the start of the next meeting, when the person asked for those. Scores:
/// a real gap (at least <see cref="PlannerSettings.BackToBackGap"/>) 20, a short one 10, an arrival 0;
/// +20 at the end of a long run; +1 per 15 minutes of meetings in the run before (up to 16);
/// +10 before a long run (the offer then sits just before it); +8 at the start of lunch (a gap of 30 minutes or more
/// starting 11:30–14:00 local); +12 after the last meeting of a heavy day (meetings fill half the working day or more).
/// A changeover inside a marathon may hold a short practice (10 points), at most one per marathon.</item>
/// <item><b>Choice</b> (<see cref="MomentChoice"/>): the highest score first, minus 5 for each offer already chosen or made
/// today closer than twice <see cref="PlannerSettings.MinimumSpacing"/> (offers spread across the day); earlier on a tie.
/// An offer may start anywhere in its gap: it starts where it scores (the start of the gap, or its end before a long
/// run) and slides as little as needed to keep <see cref="PlannerSettings.MinimumSpacing"/> from the others (and from
/// offers already made today, twice that after a skip). One offer per gap, at most
/// <see cref="PlannerSettings.DailyCap"/> a day (one after <see cref="PlannerSettings.SkipBackoffAfter"/> skips in a row).
/// So real gaps always come before changeovers, and a marathon never gets three nudges while a real gap goes unused.</item>
/// </list>
/// </remarks>
public static class BreakPlanner
{
    /// <summary>Length of the arrival practice offered at the start of a meeting.</summary>
    public const int ArrivalLengthMinutes = 1;

    /// <summary>Plans one working day (the one that starts on <paramref name="day"/>) and returns the offers in time order.</summary>
    /// <exception cref="ArgumentException">The settings are not usable (<see cref="PlannerSettings.Problems"/>).</exception>
    public static IReadOnlyList<PlannedBreak> Plan(
        DateOnly day, WorkingHours hours, IReadOnlyList<CalendarBlock> blocks, PlannerSettings settings, PlannerHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(blocks);
        Validate(settings);
        var lengths = settings.Lengths.Distinct().Order().ToArray();
        if (settings.DailyCap == 0 || lengths.Length == 0 || !hours.IsWorkingDay(day)) return [];
        var frame = WorkingFrame.Of(day, hours);
        if (frame.IsEmpty) return [];

        var busy = BusyTimeline.Build(frame, blocks, settings);
        if (busy.ClearsDay || busy.Stretches.Count == 0) return [];
        var blocked = BlockedTime.Build(frame, hours, settings, history);
        if (blocked.Earliest >= frame.End) return [];
        var moments = Moments.Find(frame, busy, blocked, lengths, settings);
        return moments.Count == 0 ? [] : MomentChoice.Choose(moments, frame, settings, history);
    }

    /// <summary>The meeting load of one working day, for the "end meetings early" advice and for reports.</summary>
    public static DayLoad Measure(DateOnly day, WorkingHours hours, IReadOnlyList<CalendarBlock> blocks, PlannerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(blocks);
        Validate(settings);
        if (!hours.IsWorkingDay(day)) return new DayLoad(day, false, 0, 0, 0);
        var frame = WorkingFrame.Of(day, hours);
        if (frame.IsEmpty) return new DayLoad(day, false, 0, 0, 0);
        var busy = BusyTimeline.Build(frame, blocks, settings);
        if (busy.ClearsDay) return new DayLoad(day, false, 0, 0, 0);
        var transitions = 0;
        for (var i = 1; i < busy.Stretches.Count; i++)
            if (busy.ContinuesRun(i) && busy.Stretches[i - 1].MeetingTime > TimeSpan.Zero && busy.Stretches[i].MeetingTime > TimeSpan.Zero)
                transitions++;
        var longest = busy.RunMeetingTime.Count == 0 ? TimeSpan.Zero : busy.RunMeetingTime.Max();
        return new DayLoad(day, true, (int)busy.MeetingTime.TotalMinutes, (int)longest.TotalMinutes, transitions);
    }

    private static void Validate(PlannerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(settings));
    }
}
