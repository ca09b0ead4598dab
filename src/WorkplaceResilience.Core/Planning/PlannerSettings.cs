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

    /// <summary>Longest practice length the planner accepts, in minutes.</summary>
    public const int LongestLength = 240;

    /// <summary>Lengths the person accepts, in minutes (1 to <see cref="LongestLength"/>); the planner offers the longest that fits a gap.</summary>
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

    /// <summary>
    /// Time left free between the end of a practice and the next meeting, so nobody is late: a changeover shorter than
    /// the practice plus this is not a break for that practice.
    /// </summary>
    public TimeSpan ChangeoverSlack { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>What is wrong with these settings, one sentence each; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DailyCap < 0) problems.Add("The daily cap cannot be negative.");
        if (Lengths is null) problems.Add("Lengths are missing.");
        else if (Lengths.Any(l => l is < 1 or > LongestLength))
            problems.Add($"Every length must be between 1 and {LongestLength} minutes.");
        if (QuietHours is null) problems.Add("Quiet hours are missing.");
        if (MinimumSpacing < TimeSpan.Zero) problems.Add("The minimum spacing cannot be negative.");
        if (QuietStartOfDay < TimeSpan.Zero) problems.Add("The quiet start of the day cannot be negative.");
        if (BackToBackRun < TimeSpan.Zero || BackToBackGap < TimeSpan.Zero) problems.Add("Back-to-back thresholds cannot be negative.");
        if (SkipBackoffAfter < 0) problems.Add("The skip back-off cannot be negative.");
        if (SpacingAfterSkipFactor < 1) problems.Add("The spacing factor after a skip must be at least 1.");
        if (ChangeoverSlack < TimeSpan.Zero) problems.Add("The changeover slack cannot be negative.");
        return problems;
    }
}
