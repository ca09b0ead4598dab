using Microsoft.Extensions.Options;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>How HR's weekly releases spend privacy (Reports:* settings).</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";
    /// <summary>ε of each noisy value; one person's data enters <see cref="WeeklyMeasures.NoisyValuesPerCell"/> values per group.</summary>
    public double EpsilonPerValue { get; set; } = 0.5;
    /// <summary>ε a tenant's releases may spend within any 52 weeks; a week that would exceed it is not released.</summary>
    public double EpsilonBudget { get; set; } = 1300;
    /// <summary>How many closed weeks the first rollup looks back (never beyond the raw data retention keeps).</summary>
    public int BackfillWeeks { get; set; } = 12;

    public double EpsilonPerRelease => AnonymityGate.EpsilonPerRelease(ReportRollupJob.Groupings.Count, EpsilonPerValue);
}

public sealed class ReportOptionsValidation : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        var failures = new List<string>();
        if (options.EpsilonPerValue is <= 0 or > 10) failures.Add("Reports:EpsilonPerValue must be above 0 and at most 10");
        if (options.EpsilonBudget < options.EpsilonPerRelease)
            failures.Add($"Reports:EpsilonBudget must cover at least one weekly release ({options.EpsilonPerRelease})");
        if (options.BackfillWeeks is < 1 or > 52) failures.Add("Reports:BackfillWeeks must be between 1 and 52");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
