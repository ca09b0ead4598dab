using WorkplaceResilience.Core.CheckIns;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Adaptation;

/// <summary>How one practice has gone for the person.</summary>
public sealed record PracticeSummary(
    string PracticeId, PracticeFamily Family, int Offered, int Completed, int Skipped, int CheckIns, double? AverageChange, int FeltWorse)
{
    public double CompletionRate => Offered == 0 ? 0 : (double)Completed / Offered;
}

/// <summary>How a family of practices has gone for the person.</summary>
public sealed record FamilySummary(PracticeFamily Family, int Offered, int Completed, double? AverageChange, int FeltWorse, double MeanReward);

/// <summary>
/// "What tends to help me": the person's own history boiled down. Shown to that person only; it never leaves
/// their view and never enters HR aggregates.
/// </summary>
public sealed record HelpSummary(
    IReadOnlyList<PracticeSummary> Practices,
    IReadOnlyList<FamilySummary> Families,
    IReadOnlyList<string> TendsToHelp,
    PracticeFamily? BetterFamily,
    int TotalOffers);

public static class HelpSummaries
{
    /// <summary>
    /// Summarises a person's outcomes. A practice "tends to help" once it has been completed at least
    /// <paramref name="minimumCompletions"/> times, was never mostly followed by "felt worse", and either the check-ins
    /// show it helps (mean change ≥ +0.5) or, without check-ins, the person finishes it most times. The better family is
    /// named once both families have at least <paramref name="minimumPerFamily"/> offers.
    /// </summary>
    public static HelpSummary Summarise(
        IEnumerable<PracticeOutcome> history, int minimumCompletions = 2, int minimumPerFamily = 3, AdaptationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        options ??= AdaptationOptions.Default;
        var outcomes = history.ToList();

        var practices = outcomes
            .GroupBy(o => o.PracticeId, StringComparer.Ordinal)
            .Select(g =>
            {
                var changes = g.Where(o => o.Change is { ItemsCompared: > 0 }).Select(o => o.Change!.Value.MeanImprovement).ToList();
                return new PracticeSummary(
                    g.Key, g.First().Family, g.Count(),
                    g.Count(o => o.Response == OfferResponse.Completed),
                    g.Count(o => o.Response == OfferResponse.Skipped),
                    changes.Count, changes.Count == 0 ? null : Math.Round(changes.Average(), 2),
                    g.Count(o => o.FeltWorse));
            })
            .OrderBy(p => p.PracticeId, StringComparer.Ordinal)
            .ToList();

        var families = Enum.GetValues<PracticeFamily>()
            .Select(family =>
            {
                var mine = outcomes.Where(o => o.Family == family).ToList();
                var changes = mine.Where(o => o.Change is { ItemsCompared: > 0 }).Select(o => o.Change!.Value.MeanImprovement).ToList();
                double rewardSum = 0, weightSum = 0;
                foreach (var outcome in mine)
                {
                    var (reward, weight) = AdaptationState.Reward(outcome, options);
                    rewardSum += reward * weight;
                    weightSum += weight;
                }
                return new FamilySummary(
                    family, mine.Count, mine.Count(o => o.Response == OfferResponse.Completed),
                    changes.Count == 0 ? null : Math.Round(changes.Average(), 2),
                    mine.Count(o => o.FeltWorse),
                    weightSum == 0 ? 0 : Math.Round(rewardSum / weightSum, 3));
            })
            .ToList();

        var helps = practices
            .Where(p => p.Completed >= minimumCompletions && p.FeltWorse * 2 < p.Offered)
            .Where(p => p.AverageChange is { } change ? change >= CheckInChange.Threshold : p.CompletionRate >= 0.5)
            .OrderByDescending(p => p.AverageChange ?? 0)
            .ThenByDescending(p => p.CompletionRate)
            .ThenBy(p => p.PracticeId, StringComparer.Ordinal)
            .Select(p => p.PracticeId)
            .ToList();

        PracticeFamily? better = null;
        if (families.All(f => f.Offered >= minimumPerFamily))
        {
            var ordered = families.OrderByDescending(f => f.MeanReward).ToList();
            if (ordered[0].MeanReward > ordered[1].MeanReward) better = ordered[0].Family;
        }
        return new HelpSummary(practices, families, helps, better, outcomes.Count);
    }
}
