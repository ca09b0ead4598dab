namespace WorkplaceResilience.Core.Planning;

/// <summary>One merged stretch of busy time; touching stretches stay apart (the zero gap between them is a changeover).</summary>
internal readonly record struct BusyStretch(
    DateTime Start, DateTime End, TimeSpan MeetingTime, bool StartsWithMeeting, DateTime AwayFrom, bool EndsAway, int Run)
{
    /// <summary>The stretch begins with out-of-office time.</summary>
    public bool StartsAway => AwayFrom == Start;
}

/// <summary>
/// Step 1 of planning: the busy time of one working day. Entries that count are clipped to the frame, sorted by a total
/// order (so identical entries give the same result in any order), merged where they overlap, and grouped into
/// back-to-back runs.
/// </summary>
internal sealed class BusyTimeline
{
    private enum Kind : byte { Focus, Meeting, Away }

    private readonly record struct Entry(DateTime Start, DateTime End, Kind Kind) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            var byStart = Start.CompareTo(other.Start);
            if (byStart != 0) return byStart;
            var byEnd = End.CompareTo(other.End);
            return byEnd != 0 ? byEnd : Kind.CompareTo(other.Kind);
        }
    }

    public static readonly BusyTimeline Cleared = new([], [], clearsDay: true);

    private BusyTimeline(List<BusyStretch> stretches, List<TimeSpan> runs, bool clearsDay)
    {
        Stretches = stretches;
        RunMeetingTime = runs;
        ClearsDay = clearsDay;
    }

    /// <summary>An all-day busy or out-of-office entry on the frame's day: nothing is planned.</summary>
    public bool ClearsDay { get; }

    public List<BusyStretch> Stretches { get; }

    /// <summary>Meeting time of each back-to-back run, by <see cref="BusyStretch.Run"/>.</summary>
    public List<TimeSpan> RunMeetingTime { get; }

    public TimeSpan MeetingTime
    {
        get
        {
            var total = TimeSpan.Zero;
            foreach (var run in RunMeetingTime) total += run;
            return total;
        }
    }

    public static BusyTimeline Build(WorkingFrame frame, IReadOnlyList<CalendarBlock> blocks, PlannerSettings settings)
    {
        var entries = new Entry[blocks.Count];
        var count = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (KindOf(block, settings) is not { } kind) continue;
            if (block.IsAllDay)
            {
                if (AllDayCovers(block, frame)) return Cleared;
                continue;
            }
            var start = Max(block.Start.UtcDateTime, frame.Start);
            var end = Min(block.End.UtcDateTime, frame.End);
            if (end > start) entries[count++] = new Entry(start, end, kind);
        }
        Array.Sort(entries, 0, count);
        var stretches = Merge(entries.AsSpan(0, count));
        return new BusyTimeline(stretches, GroupRuns(stretches, settings.BackToBackGap), clearsDay: false);
    }

    private static Kind? KindOf(in CalendarBlock block, PlannerSettings settings)
    {
        if (block.IsCancelled || block.Response == ResponseStatus.Declined) return null;
        return block.ShowAs switch
        {
            ShowAs.Busy => block.IsFocus ? Kind.Focus : Kind.Meeting,
            ShowAs.Tentative when settings.TentativeIsBusy => block.IsFocus ? Kind.Focus : Kind.Meeting,
            ShowAs.OutOfOffice => Kind.Away,
            _ => null,
        };
    }

    /// <summary>An all-day entry covers the local dates from its start up to, not including, its end, each read as the
    /// nearest local midnight (<see cref="ZoneOffsets.NearestDate"/>).</summary>
    private static bool AllDayCovers(in CalendarBlock block, WorkingFrame frame)
    {
        var first = frame.Offsets.NearestDate(block.Start.UtcDateTime);
        var end = frame.Offsets.NearestDate(block.End.UtcDateTime);
        return first <= frame.Day && frame.Day < end;
    }

    private static List<BusyStretch> Merge(ReadOnlySpan<Entry> sorted)
    {
        var stretches = new List<BusyStretch>(sorted.Length);
        var i = 0;
        while (i < sorted.Length)
        {
            var start = sorted[i].Start;
            var end = sorted[i].End;
            var meeting = TimeSpan.Zero;
            var meetingEnd = DateTime.MinValue;
            var startsWithMeeting = false;
            var awayFrom = DateTime.MaxValue;
            var endsAway = false;
            // Entries sorted by start join the stretch while they begin before its end.
            for (; i < sorted.Length && sorted[i].Start < end; i++)
            {
                var entry = sorted[i];
                if (entry.Kind == Kind.Meeting)
                {
                    if (entry.Start == start) startsWithMeeting = true;
                    var from = Max(entry.Start, meetingEnd);
                    if (entry.End > from) meeting += entry.End - from;
                    meetingEnd = Max(meetingEnd, entry.End);
                }
                if (entry.Kind == Kind.Away && entry.Start < awayFrom) awayFrom = entry.Start;
                if (entry.End > end) { end = entry.End; endsAway = entry.Kind == Kind.Away; }
                else if (entry.End == end && entry.Kind == Kind.Away) endsAway = true;
            }
            stretches.Add(new BusyStretch(start, end, meeting, startsWithMeeting, awayFrom, endsAway, 0));
        }
        return stretches;
    }

    /// <summary>A run goes on while the gaps are under <paramref name="runGap"/> and no out-of-office time breaks it.</summary>
    private static List<TimeSpan> GroupRuns(List<BusyStretch> stretches, TimeSpan runGap)
    {
        var runs = new List<TimeSpan>();
        for (var i = 0; i < stretches.Count; i++)
        {
            var stretch = stretches[i];
            var continues = i > 0 && stretch.Start - stretches[i - 1].End < runGap && !stretches[i - 1].EndsAway && !stretch.StartsAway;
            if (!continues) runs.Add(TimeSpan.Zero);
            runs[^1] += stretch.MeetingTime;
            stretches[i] = stretch with { Run = runs.Count - 1 };
        }
        return runs;
    }

    /// <summary>Whether stretch <paramref name="i"/> goes on the run of the one before it (a changeover, not a break).</summary>
    public bool ContinuesRun(int i) => i > 0 && Stretches[i].Run == Stretches[i - 1].Run;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
