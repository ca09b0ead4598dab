using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Adaptation;

/// <summary>
/// One person's beliefs about which practice families and practices help them. Derived entirely from their stated
/// preference and their own outcomes (<see cref="Replay"/>), so the host stores only the outcomes, never a profile.
/// Not thread-safe; one instance per person per request.
/// </summary>
public sealed class AdaptationState
{
    private readonly Dictionary<string, BetaPosterior> _practices = new(StringComparer.Ordinal);
    private BetaPosterior _mental;
    private BetaPosterior _behavioural;

    private AdaptationState(PracticeFamily? statedPreference, AdaptationOptions options)
    {
        StatedPreference = statedPreference;
        Options = options;
        _mental = statedPreference == PracticeFamily.Mental ? options.PreferredPrior : BetaPosterior.Uniform;
        _behavioural = statedPreference == PracticeFamily.Behavioural ? options.PreferredPrior : BetaPosterior.Uniform;
    }

    public PracticeFamily? StatedPreference { get; }

    public AdaptationOptions Options { get; }

    /// <summary>Offers still to be behavioural because the person recently felt worse.</summary>
    public int BehaviouralFirstRemaining { get; private set; }

    /// <summary>How many outcomes the state has seen.</summary>
    public int Observations { get; private set; }

    public BetaPosterior Family(PracticeFamily family) => family == PracticeFamily.Mental ? _mental : _behavioural;

    public BetaPosterior Practice(string practiceId) => _practices.GetValueOrDefault(practiceId, BetaPosterior.Uniform);

    public IReadOnlyDictionary<string, BetaPosterior> Practices => _practices;

    /// <summary>A new person: flat beliefs, nudged toward the family they said they prefer, if any.</summary>
    public static AdaptationState ColdStart(PracticeFamily? statedPreference = null, AdaptationOptions? options = null) =>
        new(statedPreference, options ?? AdaptationOptions.Default);

    /// <summary>Rebuilds a person's state from their outcomes, oldest first.</summary>
    public static AdaptationState Replay(
        PracticeFamily? statedPreference, IEnumerable<PracticeOutcome> outcomes, AdaptationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var state = ColdStart(statedPreference, options);
        foreach (var outcome in outcomes) state.Record(outcome);
        return state;
    }

    /// <summary>The reward an outcome earns (0…1) and how much it weighs.</summary>
    public static (double Reward, double Weight) Reward(PracticeOutcome outcome, AdaptationOptions options)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        if (outcome.FeltWorse) return (0, options.FeltWorseWeight);
        return outcome.Response switch
        {
            OfferResponse.Skipped => (0, options.SkipWeight),
            OfferResponse.Started => (options.StartedReward, 1),
            OfferResponse.Completed when outcome.Change is { ItemsCompared: > 0 } change =>
                (Math.Clamp(options.CheckInBase + options.CheckInSlope * change.MeanImprovement, 0, 1), 1),
            OfferResponse.Completed => (options.CompletedReward, 1),
            _ => (0, 0),
        };
    }

    /// <summary>Learns from one outcome. After "this made me feel worse" the next offers are behavioural and the host shows support resources.</summary>
    public AdaptationFeedback Record(PracticeOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var (reward, weight) = Reward(outcome, Options);
        if (outcome.Family == PracticeFamily.Mental) _mental = _mental.Observe(reward, weight);
        else _behavioural = _behavioural.Observe(reward, weight);
        _practices[outcome.PracticeId] = Practice(outcome.PracticeId).Observe(reward, weight);
        Observations++;
        if (outcome.FeltWorse)
        {
            BehaviouralFirstRemaining = Options.BehaviouralOffersAfterFeltWorse;
            return new AdaptationFeedback(ShowSupportResources: true, BehaviouralFirst: BehaviouralFirstRemaining > 0);
        }
        if (BehaviouralFirstRemaining > 0) BehaviouralFirstRemaining--;
        return new AdaptationFeedback(false, BehaviouralFirstRemaining > 0);
    }
}
