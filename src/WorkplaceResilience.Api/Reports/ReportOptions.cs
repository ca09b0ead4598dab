using Microsoft.Extensions.Options;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>How HR's weekly releases group people and spend privacy (Reports:* settings).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";
    public const int WeeksPerBudget = 52;
    public static readonly IReadOnlyList<string> DirectoryGroupings = ["department", "office", "country"];

    /// <summary>ε of each noisy value; one person's data enters <see cref="WeeklyMeasures.NoisyValuesPerCell"/> values per group.</summary>
    public double EpsilonPerValue { get; set; } = 0.5;
    /// <summary>ε a tenant's releases may spend within any 52 weeks; a week that would exceed it is not released. Unset:
    /// exactly 52 weekly releases (<see cref="Budget"/>), whatever the groupings and measures cost.</summary>
    public double? EpsilonBudget { get; set; }
    /// <summary>How many closed weeks the first rollup looks back (never beyond the raw data retention keeps).</summary>
    public int BackfillWeeks { get; set; } = 12;
    /// <summary>Levels of the manager tree HR sees orgs at (1: the chief executive's direct reports' orgs, 2: the orgs
    /// one level down, e.g. directors'); each level is one more grouping, and costs ε like one. Unset: level 2.
    /// (Unset rather than a default array: the configuration binder would add configured levels to the default.)</summary>
    public int[]? ManagerLevels { get; set; }

    public IReadOnlyList<int> Levels => ManagerLevels is { Length: > 0 } levels ? levels : [2];
    public IReadOnlyList<string> Groupings => [.. DirectoryGroupings, .. Levels.Select(OrgGroups.Grouping)];
    public double EpsilonPerRelease => AnonymityGate.EpsilonPerRelease(Groupings.Count, EpsilonPerValue);
    public double Budget => EpsilonBudget ?? WeeksPerBudget * EpsilonPerRelease;
}

public sealed class ReportOptionsValidation : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var failures = new List<string>();
        if (options.EpsilonPerValue is <= 0 or > 10) failures.Add("Reports:EpsilonPerValue must be above 0 and at most 10");
        if (options.Levels.Any(l => l is < 1 or > 6) || options.Levels.Distinct().Count() != options.Levels.Count)
            failures.Add("Reports:ManagerLevels must be distinct levels from 1 to 6");
        if (options.Budget < options.EpsilonPerRelease)
            failures.Add($"Reports:EpsilonBudget must cover at least one weekly release ({options.EpsilonPerRelease})");
        if (options.BackfillWeeks is < 1 or > 52) failures.Add("Reports:BackfillWeeks must be between 1 and 52");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
