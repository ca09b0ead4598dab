namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// A moment the planner could offer: one gap (or one arrival), the length that fits it, where in the gap an offer of that
/// length may start (<see cref="Starts"/>, each a closed range of start instants), where it would rather start, and how
/// much a person would want it (<see cref="Score"/>).
/// </summary>
internal sealed record Moment(
    int Gap, int Run, bool IsChangeover, int Length, BreakReason Reason, int Score, DateTime Preferred, Span[] Starts);

/// <summary>
/// Step 3 of planning: the candidate moments of a day, scored the way a person would choose (rules on
/// <see cref="BreakPlanner"/>). One moment per gap; a changeover shorter than the practice plus
/// <see cref="PlannerSettings.ChangeoverSlack"/> is not a break.
/// </summary>
internal static class Moments
{
    // Points, so that the ranking can be read off one table (README: "How breaks are chosen").
    public const int ArrivalScore = 0;
    public const int ShortGapScore = 10;
    public const int RealGapScore = 20;
    public const int AfterLongRunBonus = 20;
    public const int BeforeLongRunBonus = 10;
    public const int LunchBonus = 8;
    public const int EndOfHeavyDayBonus = 12;
    public const int MostRunBonus = 16; // one point per 15 minutes of meetings in the run before the gap, up to this
    private static readonly TimeSpan LunchFrom = TimeSpan.FromHours(11.5), LunchTo = TimeSpan.FromHours(14), LunchLength = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ArrivalLength = TimeSpan.FromMinutes(BreakPlanner.ArrivalLengthMinutes);

    public static List<Moment> Find(
        WorkingFrame frame, BusyTimeline busy, BlockedTime blocked, int[] lengths, PlannerSettings settings)
    {
        var moments = new List<Moment>();
        var stretches = busy.Stretches;
        if (stretches.Count == 0) return moments; // nothing to recover from: no offers on an empty day
        var shortest = TimeSpan.FromMinutes(lengths[0]);
        var slack = settings.ChangeoverSlack;
        var heavyDay = busy.MeetingTime * 2 >= frame.End - frame.Start;
        var parts = new List<Span>();
        bool IsLong(int run) => busy.RunMeetingTime[run] >= settings.BackToBackRun && busy.RunMeetingTime[run] > TimeSpan.Zero;

        for (var i = 0; i < stretches.Count; i++)
        {
            var stretch = stretches[i];
            if (stretch.EndsAway) continue; // the person is away, not between meetings
            var last = i == stretches.Count - 1;
            var gapEnd = last ? frame.End : stretches[i + 1].Start;
            var gap = gapEnd - stretch.End;
            var changeover = !last && busy.ContinuesRun(i + 1);
            if (!last && gap < shortest + slack)
            {
                if (settings.ArrivalPractice) AddArrival(i, stretches[i + 1]);
                continue;
            }
            var runTime = busy.RunMeetingTime[stretch.Run];
            if (changeover)
            {
                // Inside a marathon a changeover may hold a short practice; elsewhere it is just a changeover.
                if (IsLong(stretch.Run)) AddGap(i, stretch.End, gapEnd, true, stretch.Run, true, ShortGapScore, BreakReason.Gap, false);
                continue;
            }
            var score = gap >= settings.BackToBackGap ? RealGapScore : ShortGapScore;
            score += Math.Min(MostRunBonus, (int)(runTime.TotalMinutes / 15));
            var afterLongRun = IsLong(stretch.Run) && gap >= settings.BackToBackGap;
            if (afterLongRun) score += AfterLongRunBonus;
            var beforeLongRun = !last && !stretches[i + 1].StartsAway && IsLong(stretches[i + 1].Run);
            if (beforeLongRun) score += BeforeLongRunBonus;
            var lunch = gap >= LunchLength && frame.Local(stretch.End).TimeOfDay is var at && at >= LunchFrom && at < LunchTo;
            if (lunch) score += LunchBonus;
            if (last && heavyDay) score += EndOfHeavyDayBonus;
            AddGap(i, stretch.End, gapEnd, !last, -1, false, score,
                afterLongRun ? BreakReason.AfterBackToBack : BreakReason.Gap,
                preferLate: beforeLongRun && !afterLongRun && !lunch);
        }
        return moments;

        void AddGap(int index, DateTime from, DateTime to, bool nextIsBusy, int run, bool changeover, int score, BreakReason reason, bool preferLate)
        {
            parts.Clear();
            blocked.FreeParts(from, to, parts);
            var longestRoom = TimeSpan.Zero;
            for (var p = 0; p < parts.Count; p++)
            {
                if (nextIsBusy && parts[p].End > to - slack) parts[p] = parts[p] with { End = to - slack };
                if (parts[p].Length > longestRoom) longestRoom = parts[p].Length;
            }
            if (longestRoom < shortest) return; // (a part cut below zero by the slack has a negative length)
            var length = lengths[0];
            foreach (var candidate in lengths)
                if (TimeSpan.FromMinutes(candidate) <= longestRoom) length = candidate;
            var duration = TimeSpan.FromMinutes(length);
            var starts = new List<Span>(parts.Count);
            foreach (var part in parts)
                if (part.Length >= duration) starts.Add(new Span(part.Start, part.End - duration));
            var preferred = preferLate ? starts[^1].End : starts[0].Start;
            moments.Add(new Moment(index, run, changeover, length, reason, score, preferred, starts.ToArray()));
        }

        void AddArrival(int index, BusyStretch next)
        {
            var start = next.Start;
            var end = start + ArrivalLength;
            if (!next.StartsWithMeeting || next.AwayFrom < end || end > frame.End || !blocked.IsFree(start, end)) return;
            moments.Add(new Moment(index, -1, false, BreakPlanner.ArrivalLengthMinutes, BreakReason.Arrival, ArrivalScore, start,
                [new Span(start, start)]));
        }
    }
}
