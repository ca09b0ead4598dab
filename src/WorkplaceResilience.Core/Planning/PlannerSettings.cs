namespace WorkplaceResilience.Core.Planning;

/// <summary>A person's break preferences, with the product's defaults.</summary>
public sealed record PlannerSettings
{
    public static readonly PlannerSettings Default = new();

    public int DailyCap { get; init; } = 3;
    public TimeSpan MinimumSpacing { get; init; } = TimeSpan.FromMinutes(60);
    public TimeSpan QuietStartOfDay { get; init; } = TimeSpan.FromMinutes(30);
    public bool TentativeIsBusy { get; init; } = true;
    /// <summary>Lengths the person accepts, in minutes; the planner offers the longest that fits a gap.</summary>
    public IReadOnlyList<int> Lengths { get; init; } = [1, 3, 5];
}
