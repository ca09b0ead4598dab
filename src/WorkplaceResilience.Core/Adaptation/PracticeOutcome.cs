using WorkplaceResilience.Core.CheckIns;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Core.Adaptation;

/// <summary>What the person did with an offer.</summary>
public enum OfferResponse
{
    /// <summary>Said "not now" or let it pass.</summary>
    Skipped,
    /// <summary>Opened the practice but did not finish it.</summary>
    Started,
    /// <summary>Played the practice to the end.</summary>
    Completed,
}

/// <summary>One offer and how it went: the unit of a person's private history and of adaptation.</summary>
public sealed record PracticeOutcome(
    string PracticeId,
    PracticeFamily Family,
    OfferResponse Response,
    CheckInChange? Change = null,
    DateTimeOffset? At = null)
{
    public bool FeltWorse => Change?.FeltWorse == true;
}

/// <summary>How outcomes turn into rewards, and how cautious the chooser is after someone felt worse.</summary>
public sealed record AdaptationOptions
{
    public static readonly AdaptationOptions Default = new();

    /// <summary>Prior for the family the person said they prefer (the other family starts at Beta(1, 1)).</summary>
    public BetaPosterior PreferredPrior { get; init; } = new(2, 1);

    /// <summary>A skip says little (the person may simply be busy), so it counts for less than a full observation.</summary>
    public double SkipWeight { get; init; } = 0.5;

    public double StartedReward { get; init; } = 0.3;

    /// <summary>Reward for a completed practice without a check-in.</summary>
    public double CompletedReward { get; init; } = 0.8;

    /// <summary>Reward for a completed practice with a check-in: base + slope × mean improvement, clamped to 0…1.</summary>
    public double CheckInBase { get; init; } = 0.6;

    public double CheckInSlope { get; init; } = 0.3;

    /// <summary>"This made me feel worse" counts as this many failed observations.</summary>
    public double FeltWorseWeight { get; init; } = 2;

    /// <summary>How many of the next offers are behavioural after someone felt worse.</summary>
    public int BehaviouralOffersAfterFeltWorse { get; init; } = 5;
}

/// <summary>What the host should do after recording an outcome.</summary>
public readonly record struct AdaptationFeedback(bool ShowSupportResources, bool BehaviouralFirst);
