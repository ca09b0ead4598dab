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
                     ("Jobs:RetentionJobEvery", options.RetentionJobEvery),
                     ("Jobs:ReportRollupJobEvery", options.ReportRollupJobEvery),
                 })
        {
            if (!RecurringJobs.IsValidInterval(every))
                failures.Add($"{key} is {every}: use whole seconds that divide a minute, whole minutes that divide an hour, or whole hours that divide a day");
        }
        if (options.CalendarRefreshAfter <= TimeSpan.Zero) failures.Add("Jobs:CalendarRefreshAfter must be positive");
        if (options.DeliveryGrace < TimeSpan.Zero) failures.Add("Jobs:DeliveryGrace must not be negative");
        if (options.PresenceRetryAfter <= TimeSpan.Zero) failures.Add("Jobs:PresenceRetryAfter must be positive");
        if (options.DeliveryClaimTimeout < TimeSpan.FromSeconds(30)) failures.Add("Jobs:DeliveryClaimTimeout must be at least 30 seconds");
        if (options.DeliveryLease < TimeSpan.FromSeconds(15)) failures.Add("Jobs:DeliveryLease must be at least 15 seconds");
        if (options.RecipientNotificationCallsPerSecond is <= 0 or > 100) failures.Add("Jobs:RecipientNotificationCallsPerSecond must be above 0 and at most 100");
        if (options.UserNotificationCallsPerSecond is <= 0 or > 100) failures.Add("Jobs:UserNotificationCallsPerSecond must be above 0 and at most 100");
        if (options.StragglerBatchSize is < 0 or > 100) failures.Add("Jobs:StragglerBatchSize must be between 0 and 100");
        if (options.DeliveryBatchSize is < 1 or > 20000) failures.Add("Jobs:DeliveryBatchSize must be between 1 and 20000");
        if (options.BatchSize is < 1 or > 5000) failures.Add("Jobs:BatchSize must be between 1 and 5000");
        if (options.GraphConcurrency is < 1 or > 64) failures.Add("Jobs:GraphConcurrency must be between 1 and 64");
        if (options.SubscriptionLifetime < TimeSpan.FromHours(1) || options.SubscriptionLifetime > TimeSpan.FromMinutes(10080))
            failures.Add("Jobs:SubscriptionLifetime must be between 1 hour and 7 days (Outlook's maximum)");
        if (options.CalendarChangeCoalescing < TimeSpan.Zero || options.CalendarChangeCoalescing > TimeSpan.FromHours(4))
            failures.Add("Jobs:CalendarChangeCoalescing must be between 0 and 4 hours");
        if (options.SubscriptionsPerRun is < 1 or > 5000) failures.Add("Jobs:SubscriptionsPerRun must be between 1 and 5000");
        if (options.SubscriptionRetryAfter <= TimeSpan.Zero) failures.Add("Jobs:SubscriptionRetryAfter must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Demo mode (anonymous sign-in as anyone, the simulator as Graph) runs only in the Development environment,
/// which is what `dotnet run` uses; any other environment with Demo:Enabled refuses to start.
/// </summary>
public sealed class DemoOptionsValidation(IHostEnvironment environment) : IValidateOptions<DemoOptions>
{
    public ValidateOptionsResult Validate(string? name, DemoOptions options)
    {
        var failures = new List<string>();
        if (options.Enabled && !environment.IsDevelopment())
            failures.Add($"Demo:Enabled is true in the '{environment.EnvironmentName}' environment; demo mode runs only in Development");
        if (options.Enabled && options.EmployeeCount is < 10 or > 100_000)
            failures.Add("Demo:EmployeeCount must be between 10 and 100000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>A Teams app id, when set, must be the manifest's: a GUID other than the all-zero placeholder.</summary>

/// <summary>How the service reaches PostgreSQL.</summary>
public sealed class StorageOptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.PostgresAuthentication is not (Persistence.PostgresDataSource.Password or Persistence.PostgresDataSource.ManagedIdentity))
            return ValidateOptionsResult.Fail("Storage:PostgresAuthentication must be Password or ManagedIdentity");
        if (!options.UsePostgres || options.PostgresAuthentication != Persistence.PostgresDataSource.ManagedIdentity)
            return ValidateOptionsResult.Success;
        try
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.Postgres);
            return string.IsNullOrEmpty(connection.Password)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Storage:Postgres holds a password while Storage:PostgresAuthentication is ManagedIdentity; remove it");
        }
        catch (ArgumentException)
        {
            return ValidateOptionsResult.Fail("Storage:Postgres is not a valid PostgreSQL connection string");
        }
    }
}

public static class OptionsValidation
{
    /// <summary>
    /// Checks every validated settings section before the host starts; when one is wrong, writes one line naming
    /// the keys to standard error and returns true (the caller exits). Checked here rather than by the host's own
    /// start-up validation so the reason is a readable line, not a logged stack trace.
    /// </summary>
    public static bool ExplainInvalidSettings(this WebApplication app)
    {
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return false;
        }
        catch (OptionsValidationException error)
        {
            Console.Error.WriteLine(Explain(error.Failures));
            return true;
        }
        catch (AggregateException error) when (error.InnerExceptions.All(e => e is OptionsValidationException))
        {
            Console.Error.WriteLine(Explain(error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)));
            return true;
        }
    }

    public static string Explain(IEnumerable<string> failures) =>
        $"WorkplaceResilience cannot start, its settings are incomplete or wrong: {string.Join("; ", failures)}.";
}

/// <summary>The webhook's public address must be absolute and https (plain http only on the local machine).</summary>
public sealed class GraphOptionsValidation : IValidateOptions<GraphOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.TeamsAppId) && options.ConfiguredTeamsAppId is null)
            failures.Add("Graph:TeamsAppId must be the Teams app's id from the manifest (a GUID, not all zeros)");
        if (!string.IsNullOrWhiteSpace(options.WebhookBaseUrl)
            && !(Uri.TryCreate(options.WebhookBaseUrl, UriKind.Absolute, out var uri)
                 && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
                 && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)))
            failures.Add("Graph:WebhookBaseUrl must be an absolute https URL without query (the service's public address, e.g. https://breaks.example.com)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
