namespace WorkplaceResilience.Core.Planning;

/// <summary>A plain UTC date-time interval, [Start, End).</summary>
internal readonly record struct Span(DateTime Start, DateTime End)
{
    public TimeSpan Length => End - Start;
}

/// <summary>
/// Step 2 of planning: the time of the working day in which no offer may start or run, as sorted, disjoint intervals:
/// before <see cref="Earliest"/> (the quiet start of the day, a pause, "not before now"), the person's quiet hours
/// (local wall-clock time on every date the frame touches) and snoozes.
/// </summary>
internal sealed class BlockedTime
{
    private BlockedTime(DateTime earliest, List<Span> spans)
    {
        Earliest = earliest;
        Spans = spans;
    }

    public DateTime Earliest { get; }

    public List<Span> Spans { get; }

    public static BlockedTime Build(WorkingFrame frame, WorkingHours hours, PlannerSettings settings, PlannerHistory? history)
    {
        var earliest = frame.Start + settings.QuietStartOfDay;
        if (history?.NotBefore is { } notBefore && notBefore.UtcDateTime > earliest) earliest = notBefore.UtcDateTime;
        if (history?.PausedUntil is { } paused && paused.UtcDateTime > earliest) earliest = paused.UtcDateTime;

        var spans = new List<Span>();
        if (settings.QuietHours.Count > 0)
        {
            // Quiet periods are clipped to the working day in local time, then read as instants: a start as its first
            // occurrence (or the jump over it), an end as its last occurrence, so a repeated hour never slips through.
            var workStart = frame.Day.ToDateTime(hours.Start);
            var workEnd = (hours.IsOvernight ? frame.Day.AddDays(1) : frame.Day).ToDateTime(hours.End);
            foreach (var period in settings.QuietHours)
            {
                if (period.Start == period.End) continue;
                for (var offset = -1; offset <= 1; offset++)
                {
                    var date = frame.Day.AddDays(offset);
                    var localStart = date.ToDateTime(period.Start);
                    var localEnd = (period.WrapsMidnight ? date.AddDays(1) : date).ToDateTime(period.End);
                    if (localStart < workStart) localStart = workStart;
                    if (localEnd > workEnd) localEnd = workEnd;
                    if (localEnd > localStart) spans.Add(new Span(frame.Utc(localStart), frame.Utc(localEnd, last: true)));
                }
            }
        }
        foreach (var snooze in history?.Snoozes ?? [])
            if (snooze.Until > snooze.At) spans.Add(new Span(snooze.At.UtcDateTime, snooze.Until.UtcDateTime));
        return new BlockedTime(earliest, MergeSorted(spans));
    }

    /// <summary>The parts of [from, to) that are not blocked and not before <see cref="Earliest"/>.</summary>
    public void FreeParts(DateTime from, DateTime to, List<Span> into)
    {
        if (from < Earliest) from = Earliest;
        foreach (var blocked in Spans)
        {
            if (from >= to) return;
            if (blocked.End <= from) continue;
            if (blocked.Start >= to) break;
            if (blocked.Start > from) into.Add(new Span(from, blocked.Start));
            if (blocked.End > from) from = blocked.End;
        }
        if (from < to) into.Add(new Span(from, to));
    }

    public bool IsFree(DateTime start, DateTime end)
    {
        if (start < Earliest) return false;
        foreach (var blocked in Spans)
            if (blocked.Start < end && start < blocked.End) return false;
        return true;
    }

    private static List<Span> MergeSorted(List<Span> spans)
    {
        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var merged = new List<Span>(spans.Count);
        foreach (var span in spans)
        {
            if (span.End <= span.Start) continue;
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                if (span.End > merged[^1].End) merged[^1] = merged[^1] with { End = span.End };
            }
            else merged.Add(span);
        }
        return merged;
    }
}
