namespace WorkplaceResilience.Core.Planning;

/// <summary>A span of local wall-clock time in which the person wants no offers. <c>End &lt;= Start</c> wraps past midnight (22:00–07:00).</summary>
public readonly record struct QuietPeriod(TimeOnly Start, TimeOnly End)
{
    public bool WrapsMidnight => End <= Start;
}

/// <summary>A person's break preferences, with the product's defaults.</summary>
public sealed record PlannerSettings
{
    public static readonly PlannerSettings Default = new();

    /// <summary>Most offers in one day (default 3).</summary>
    public int DailyCap { get; init; } = 3;

    /// <summary>Least time between the starts of two offers on one day.</summary>
    public TimeSpan MinimumSpacing { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>No offer in this first part of the working day.</summary>
    public TimeSpan QuietStartOfDay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Whether tentative meetings (show-as tentative) count as busy.</summary>
    public bool TentativeIsBusy { get; init; } = true;

    /// <summary>Lengths the person accepts, in minutes; the planner offers the longest that fits a gap.</summary>
    public IReadOnlyList<int> Lengths { get; init; } = [1, 3, 5];

    /// <summary>Local times with no offers at all (evenings, a daily school run, lunch).</summary>
    public IReadOnlyList<QuietPeriod> QuietHours { get; init; } = [];

    /// <summary>
    /// When a gap is too short for any practice, offer a 60-second arrival practice at the start of the next
    /// meeting instead. Off by default.
    /// </summary>
    public bool ArrivalPractice { get; init; }

    /// <summary>Meeting time in a run, with gaps under <see cref="BackToBackGap"/>, that counts as a long back-to-back run.</summary>
    public TimeSpan BackToBackRun { get; init; } = TimeSpan.FromMinutes(90);

    /// <summary>Gaps shorter than this keep a back-to-back run going.</summary>
    public TimeSpan BackToBackGap { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many offers skipped in a row, the planner backs off to one offer a day. 0 turns it off.</summary>
    public int SkipBackoffAfter { get; init; } = 3;

    /// <summary>After a skip today, the next offer waits this many times <see cref="MinimumSpacing"/>.</summary>
    public int SpacingAfterSkipFactor { get; init; } = 2;
}
