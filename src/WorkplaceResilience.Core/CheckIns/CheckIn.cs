namespace WorkplaceResilience.Core.CheckIns;

/// <summary>The check-in items. Each is answered on 1–5.</summary>
public enum CheckInItem
{
    /// <summary>How kindly the person is treating themselves (higher is better).</summary>
    SelfKindness,
    /// <summary>How hard the person is being on themselves (lower is better).</summary>
    SelfCriticism,
    /// <summary>How tense the body feels (lower is better).</summary>
    Tension,
}

/// <summary>
/// One check-in question. <see cref="Id"/> is stable, so the front end can translate by id; the English wording here
/// is the default.
/// </summary>
public sealed record CheckInQuestion(CheckInItem Item, string Id, string Prompt, string LowLabel, string HighLabel, bool HigherIsBetter);

/// <summary>The before/after questions, in our own words.</summary>
public static class CheckInQuestions
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public static IReadOnlyList<CheckInQuestion> All { get; } =
    [
        new(CheckInItem.SelfKindness, "self-kindness", "Right now, how kind am I being to myself?", "not at all", "very kind", HigherIsBetter: true),
        new(CheckInItem.SelfCriticism, "self-criticism", "Right now, how hard am I being on myself?", "not at all", "very hard", HigherIsBetter: false),
        new(CheckInItem.Tension, "tension", "How tense does my body feel?", "relaxed", "very tense", HigherIsBetter: false),
    ];

    public static CheckInQuestion For(CheckInItem item) => All[(int)item];
}

/// <summary>Answers to one check-in, 1–5 each; an unanswered item is null.</summary>
public readonly record struct CheckInAnswers(int? SelfKindness = null, int? SelfCriticism = null, int? Tension = null)
{
    public int? this[CheckInItem item] => item switch
    {
        CheckInItem.SelfKindness => SelfKindness,
        CheckInItem.SelfCriticism => SelfCriticism,
        CheckInItem.Tension => Tension,
        _ => null,
    };

    public bool IsValid => InRange(SelfKindness) && InRange(SelfCriticism) && InRange(Tension);

    public bool IsEmpty => SelfKindness is null && SelfCriticism is null && Tension is null;

    private static bool InRange(int? value) => value is null or (>= CheckInQuestions.Lowest and <= CheckInQuestions.Highest);
}

/// <summary>An optional check-in around one practice: before, after, and the always-available "this made me feel worse".</summary>
public sealed record CheckIn(CheckInAnswers? Before = null, CheckInAnswers? After = null, bool FeltWorse = false);

public enum CheckInOutcome { Better, Same, Worse }

/// <summary>
/// The change a practice made, as the mean improvement per item answered both before and after (−4 … +4 points,
/// positive is better, items where lower is better are turned around).
/// </summary>
public readonly record struct CheckInChange(double MeanImprovement, int ItemsCompared, bool FeltWorse)
{
    /// <summary>Half a point on average is the smallest change we call better or worse.</summary>
    public const double Threshold = 0.5;

    public CheckInOutcome Outcome =>
        FeltWorse || MeanImprovement <= -Threshold ? CheckInOutcome.Worse
        : MeanImprovement >= Threshold ? CheckInOutcome.Better
        : CheckInOutcome.Same;
}

/// <summary>Scores check-ins. Pure.</summary>
public static class CheckInScoring
{
    /// <summary>The change from before to after, or null when there is nothing to score (no comparable items, no "felt worse").</summary>
    public static CheckInChange? Score(CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        if (checkIn.Before is { IsValid: false } || checkIn.After is { IsValid: false })
            throw new ArgumentOutOfRangeException(nameof(checkIn), "Check-in answers run from 1 to 5.");
        var total = 0;
        var compared = 0;
        if (checkIn.Before is { } before && checkIn.After is { } after)
        {
            foreach (var question in CheckInQuestions.All)
            {
                if (before[question.Item] is not { } b || after[question.Item] is not { } a) continue;
                total += question.HigherIsBetter ? a - b : b - a;
                compared++;
            }
        }
        if (compared == 0 && !checkIn.FeltWorse) return null;
        return new CheckInChange(compared == 0 ? 0 : (double)total / compared, compared, checkIn.FeltWorse);
    }
}
