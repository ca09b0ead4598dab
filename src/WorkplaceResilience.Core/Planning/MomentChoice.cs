namespace WorkplaceResilience.Core.Planning;

/// <summary>
/// Step 4 of planning: choose moments, best first, while they keep the cap and the spacing. A moment may slide within its
/// gap, as little as it can from where it would rather start, to keep the spacing from offers already chosen or made.
/// </summary>
internal static class MomentChoice
{
    /// <summary>Points lost for each offer (chosen or made earlier today) closer than twice the spacing: offers spread out.</summary>
    public const int CrowdingPenalty = 5;

    public static List<PlannedBreak> Choose(
        List<Moment> moments, WorkingFrame frame, PlannerSettings settings, PlannerHistory? history)
    {
        var chosen = new List<PlannedBreak>();
        var cap = settings.DailyCap;
        if (history is not null && settings.SkipBackoffAfter > 0 && history.ConsecutiveSkips >= settings.SkipBackoffAfter)
            cap = Math.Min(cap, 1);
        var spacing = settings.MinimumSpacing;
        var afterSkip = spacing * settings.SpacingAfterSkipFactor;

        // Offers made earlier in this working day count against the cap and keep their spacing; skips push the next offer away.
        var forbidden = new List<Span>();
        var earlier = new List<DateTime>();
        foreach (var offer in history?.OffersToday ?? [])
        {
            if (!frame.Contains(offer)) continue;
            cap--;
            earlier.Add(offer.UtcDateTime);
            forbidden.Add(new Span(offer.UtcDateTime - spacing, offer.UtcDateTime + spacing));
        }
        foreach (var skip in history?.SkipsToday ?? [])
            if (frame.Contains(skip)) forbidden.Add(new Span(skip.UtcDateTime - spacing, skip.UtcDateTime + afterSkip));

        var used = new bool[moments.Count];
        var runsWithChangeover = new HashSet<int>();
        // One offer per gap, counting offers already made: a re-plan never adds a second offer to a gap that has one.
        var gapsUsed = new HashSet<int>();
        foreach (var offer in earlier)
            foreach (var moment in moments)
                if (moment.Starts.Any(range => offer >= range.Start && offer <= range.End)) gapsUsed.Add(moment.Gap);
        while (chosen.Count < cap)
        {
            var best = -1;
            var bestScore = int.MinValue;
            var bestStart = DateTime.MaxValue;
            for (var m = 0; m < moments.Count; m++)
            {
                if (used[m]) continue;
                var moment = moments[m];
                if (gapsUsed.Contains(moment.Gap) || (moment.IsChangeover && runsWithChangeover.Contains(moment.Run))
                    || Place(moment, forbidden, chosen) is not { } start)
                {
                    used[m] = true; // constraints only grow: it will not fit later either
                    continue;
                }
                var score = moment.Score - CrowdingPenalty * Crowding(start, chosen, earlier, spacing * 2);
                if (score > bestScore || (score == bestScore && start < bestStart))
                    (best, bestScore, bestStart) = (m, score, start);
            }
            if (best < 0) break;
            var pick = moments[best];
            used[best] = true;
            gapsUsed.Add(pick.Gap);
            if (pick.IsChangeover) runsWithChangeover.Add(pick.Run);
            var planned = new PlannedBreak(frame.Offsets.ToPersonTime(bestStart), pick.Length, pick.Reason);
            chosen.Add(planned);
            forbidden.Add(new Span(bestStart - spacing, bestStart + spacing)); // the next offer keeps the spacing from this one
        }
        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chosen;
    }

    /// <summary>
    /// The start nearest to the moment's preferred one (earlier on a tie) that lies in one of its start ranges and
    /// inside no forbidden interval (open at both ends: exactly the spacing apart is allowed) and overlaps no chosen offer;
    /// null when none does.
    /// </summary>
    private static DateTime? Place(Moment moment, List<Span> forbidden, List<PlannedBreak> chosen)
    {
        var length = TimeSpan.FromMinutes(moment.Length);
        DateTime? best = null;
        var bestDistance = TimeSpan.MaxValue;
        void Try(DateTime start)
        {
            var distance = (start - moment.Preferred).Duration();
            if (distance > bestDistance || (distance == bestDistance && start >= best)) return;
            var inRange = false;
            foreach (var range in moment.Starts)
                if (start >= range.Start && start <= range.End) { inRange = true; break; }
            if (!inRange) return;
            foreach (var span in forbidden)
                if (span.Start < start && start < span.End) return;
            foreach (var offer in chosen)
                if (offer.Start.UtcDateTime < start + length && start < offer.End.UtcDateTime) return;
            (best, bestDistance) = (start, distance);
        }
        Try(moment.Preferred);
        if (best is not null) return best;
        // The feasible set's edges are range edges and forbidden edges: the nearest feasible start is one of them.
        foreach (var range in moment.Starts) { Try(range.Start); Try(range.End); }
        foreach (var span in forbidden) { Try(span.Start); Try(span.End); }
        foreach (var offer in chosen) { Try(offer.Start.UtcDateTime - length); Try(offer.End.UtcDateTime); }
        return best;
    }

    private static int Crowding(DateTime start, List<PlannedBreak> chosen, List<DateTime> earlier, TimeSpan near)
    {
        var count = 0;
        foreach (var offer in chosen) if ((offer.Start.UtcDateTime - start).Duration() < near) count++;
        foreach (var offer in earlier) if ((offer - start).Duration() < near) count++;
        return count;
    }
}
