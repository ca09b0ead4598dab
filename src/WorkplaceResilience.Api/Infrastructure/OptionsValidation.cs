using Microsoft.Extensions.Options;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// Settings are checked when the host starts, so a mistake stops the service with a message naming the key
/// instead of surfacing as a failing job run after run. Each failure names the configuration key.
/// </summary>
public sealed class JobOptionsValidation : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var failures = new List<string>();
        foreach (var (key, every) in new[]
                 {
                     ("Jobs:CalendarSyncJobEvery", options.CalendarSyncJobEvery),
                     ("Jobs:DirectorySyncJobEvery", options.DirectorySyncJobEvery),
                     ("Jobs:DeliveryJobEvery", options.DeliveryJobEvery),
                 })
        {
            if (!RecurringJobs.IsValidInterval(every))
                failures.Add($"{key} is {every}: use whole seconds that divide a minute, whole minutes that divide an hour, or whole hours that divide a day");
        }
        if (options.CalendarRefreshAfter <= TimeSpan.Zero) failures.Add("Jobs:CalendarRefreshAfter must be positive");
        if (options.DeliveryLead < TimeSpan.Zero) failures.Add("Jobs:DeliveryLead must not be negative");
        if (options.DeliveryGrace < TimeSpan.Zero) failures.Add("Jobs:DeliveryGrace must not be negative");
        if (options.BatchSize is < 1 or > 5000) failures.Add("Jobs:BatchSize must be between 1 and 5000");
        if (options.GraphConcurrency is < 1 or > 64) failures.Add("Jobs:GraphConcurrency must be between 1 and 64");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class OptionsValidation
{
    /// <summary>One line for the console when the service refuses to start because of its settings.</summary>
    public static string Explain(OptionsValidationException error) =>
        $"WorkplaceResilience cannot start, its configuration is incomplete or wrong: {string.Join("; ", error.Failures)}.";
}
