using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Adaptation;

public enum ChoiceReason
{
    /// <summary>Thompson sampling picked the family and the practice.</summary>
    Sampled,
    /// <summary>The person recently felt worse, so a behavioural practice comes first.</summary>
    BehaviouralFirst,
}

/// <summary>The practice to offer, the version that fits, and whether to show the tenant's support resources alongside.</summary>
public sealed record PracticeChoice(Practice Practice, PracticeVersion Version, ChoiceReason Reason, bool ShowSupportResources);

/// <summary>
/// Per-person adaptive choice by Thompson sampling: draw a plausible "how often it helps" for each family from its
/// Beta posterior and take the best, then do the same among that family's practices that fit the moment.
/// Deterministic for a given <see cref="Random"/> seed.
/// </summary>
public static class PracticeChooser
{
    /// <param name="avoid">Practices already offered today: skipped while the family has another that fits, for variety.</param>
    public static PracticeChoice? Choose(AdaptationState state, PracticeCatalogue catalogue, int lengthMinutes, Random random,
        IReadOnlySet<string>? avoid = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(random);

        var hasMental = false;
        var hasBehavioural = false;
        foreach (var practice in catalogue.Practices)
        {
            if (practice.VersionFor(lengthMinutes) is null) continue;
            if (practice.Family == PracticeFamily.Mental) hasMental = true;
            else hasBehavioural = true;
        }
        if (!hasMental && !hasBehavioural) return null;

        PracticeFamily family;
        var reason = ChoiceReason.Sampled;
        if (state.BehaviouralFirstRemaining > 0 && hasBehavioural)
        {
            family = PracticeFamily.Behavioural;
            reason = ChoiceReason.BehaviouralFirst;
        }
        else if (hasMental && hasBehavioural)
        {
            var mental = state.Family(PracticeFamily.Mental).Sample(random);
            var behavioural = state.Family(PracticeFamily.Behavioural).Sample(random);
            family = mental > behavioural ? PracticeFamily.Mental : PracticeFamily.Behavioural;
        }
        else
        {
            family = hasMental ? PracticeFamily.Mental : PracticeFamily.Behavioural;
        }

        var candidates = catalogue.Practices.Where(p => p.Family == family && p.VersionFor(lengthMinutes) is not null).ToList();
        if (avoid is { Count: > 0 } && candidates.Any(p => !avoid.Contains(p.Id)))
            candidates.RemoveAll(p => avoid.Contains(p.Id));
        Practice? best = null;
        var bestDraw = double.NegativeInfinity;
        foreach (var practice in candidates)
        {
            var draw = state.Practice(practice.Id).Sample(random);
            if (draw > bestDraw) { best = practice; bestDraw = draw; }
        }
        return new PracticeChoice(best!, best!.VersionFor(lengthMinutes)!, reason, state.BehaviouralFirstRemaining > 0);
    }
}
