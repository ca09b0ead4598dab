namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// Finds the moments between meetings where a short break fits, sized to the gap.
/// Pure: same input, same output; no clock, no I/O.
/// </summary>
public static class BreakPlanner
{
    private static readonly TimeSpan BackToBackRun = TimeSpan.FromMinutes(90);
    private static readonly TimeSpan BackToBackGap = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<PlannedBreak> Plan(
        DateOnly day, WorkingHours hours, IReadOnlyList<CalendarBlock> blocks, PlannerSettings settings)
    {
        if (!hours.IsWorkingDay(day) || settings.DailyCap <= 0 || settings.Lengths.Count == 0) return [];
        var (dayStart, dayEnd) = hours.On(day);
        if (dayEnd <= dayStart) return [];

        if (blocks.Any(b => b.IsAllDay && b.ShowAs == ShowAs.OutOfOffice && !b.IsCancelled)) return [];

        var busy = MergeBusy(blocks, dayStart, dayEnd, settings);
        if (busy.Count == 0) return [];
        var earliest = dayStart + settings.QuietStartOfDay;
        var shortest = settings.Lengths.Min();

        var candidates = new List<(PlannedBreak Break, TimeSpan LoadBefore)>();
        var runStart = busy[0].Start;
        for (var i = 0; i < busy.Count; i++)
        {
            var gapStart = busy[i].End;
            var gapEnd = i + 1 < busy.Count ? busy[i + 1].Start : dayEnd;
            var gap = gapEnd - gapStart;
            var run = gapStart - runStart;
            if (gap >= BackToBackGap || i + 1 == busy.Count)
            {
                var length = settings.Lengths.Where(l => TimeSpan.FromMinutes(l) <= gap).DefaultIfEmpty(0).Max();
                if (length >= shortest && length > 0 && gapStart >= earliest)
                {
                    var reason = run >= BackToBackRun ? BreakReason.AfterBackToBack : BreakReason.Gap;
                    candidates.Add((new PlannedBreak(gapStart, length, reason), run));
                }
            }
            if (gap >= BackToBackGap && i + 1 < busy.Count) runStart = busy[i + 1].Start;
        }

        var chosen = new List<PlannedBreak>();
        foreach (var (candidate, _) in candidates.OrderByDescending(c => c.LoadBefore).ThenBy(c => c.Break.Start))
        {
            if (chosen.Count == settings.DailyCap) break;
            if (chosen.All(c => (c.Start - candidate.Start).Duration() >= settings.MinimumSpacing)) chosen.Add(candidate);
        }
        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chosen;
    }

    /// <summary>Busy intervals clipped to the working day, sorted and merged.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> MergeBusy(
        IReadOnlyList<CalendarBlock> blocks, DateTimeOffset dayStart, DateTimeOffset dayEnd, PlannerSettings settings)
    {
        var intervals = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var block in blocks)
        {
            if (!IsBusy(block, settings) || block.IsAllDay) continue;
            var start = block.Start < dayStart ? dayStart : block.Start;
            var end = block.End > dayEnd ? dayEnd : block.End;
            if (end > start) intervals.Add((start, end));
        }
        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, interval.End > merged[^1].End ? interval.End : merged[^1].End);
            else
                merged.Add(interval);
        }
        return merged;
    }

    private static bool IsBusy(CalendarBlock block, PlannerSettings settings) =>
        !block.IsCancelled
        && block.Response != ResponseStatus.Declined
        && block.ShowAs switch
        {
            ShowAs.Busy or ShowAs.OutOfOffice => true,
            ShowAs.Tentative => settings.TentativeIsBusy,
            _ => false,
        };
}
