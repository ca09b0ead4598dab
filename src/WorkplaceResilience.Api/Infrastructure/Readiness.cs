using System.Collections.Concurrent;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Graph;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// /health/ready: 503 with the reason when something the service cannot work without is unusable — the database,
/// the job engine (no server, a recurring job not run when due, or failing on every run), or the Graph credential.
/// Each check answers within <see cref="CheckTimeout"/>.
/// </summary>
public static class Readiness
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddSingleton<GraphCredentialStatus>();
        services.AddHealthChecks()
            .AddCheck<JobEngineHealthCheck>("jobs", timeout: CheckTimeout)
            .AddCheck<GraphCredentialHealthCheck>("graph-credentials", timeout: CheckTimeout);
        return services;
    }

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteReportAsync });
    }

    /// <summary>Status and reason per check; never exception details, which could carry connection strings.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), reason = e.Value.Description }),
        }));
    }
}

/// <summary>The job server runs, and every recurring job runs when due and does not fail run after run.</summary>
public sealed class JobEngineHealthCheck(JobStorage storage, IOptions<JobOptions> jobs) : IHealthCheck
{
    /// <summary>This many failed runs in a row, with no success since, make the job engine unusable.</summary>
    public const int FailuresInARow = 3;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!jobs.Value.Enabled) return HealthCheckResult.Healthy("This instance runs no jobs.");
        try
        {
            // Hangfire's monitoring API is synchronous; the wait, not the query, honours the check's timeout.
            var problems = await Task.Run(FindProblems, cancellationToken).WaitAsync(cancellationToken);
            return problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(string.Join(" ", problems));
        }
        catch (OperationCanceledException) when (!context.Registration.Timeout.Equals(Timeout.InfiniteTimeSpan))
        {
            return HealthCheckResult.Unhealthy("The job storage did not answer in time.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The job storage does not answer ({error.GetType().Name}).");
        }
    }

    private List<string> FindProblems()
    {
        var problems = new List<string>();
        var monitoring = storage.GetMonitoringApi();
        if (monitoring.Servers().Count == 0) problems.Add("No job server is running.");
        using var connection = storage.GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);
        foreach (var (id, type, every) in RecurringJobs.Intervals(jobs.Value))
        {
            var job = recurring.FirstOrDefault(r => r.Id == id);
            if (job is null) { problems.Add($"Recurring job {id} is not registered."); continue; }
            // Hangfire schedules on the system clock (not the service's TimeProvider); allow two intervals and a minute.
            var late = DateTime.UtcNow - (job.NextExecution ?? DateTime.UtcNow);
            if (late > every * 2 + TimeSpan.FromMinutes(1)) problems.Add($"Recurring job {id} has not run when due ({late.TotalMinutes:F0} min late).");
            if (JobOutcomes.Read(connection, type).FailuresInARow >= FailuresInARow)
                problems.Add($"Recurring job {id} failed on each of its last {FailuresInARow} runs.");
        }
        return problems;
    }
}

/// <summary>What the last Graph token request for each tenant gave; filled in by the Graph clients as they work.</summary>
public sealed class GraphCredentialStatus
{
    private readonly ConcurrentDictionary<Guid, string?> lastFailure = new();

    public void Succeeded(Guid tenantId) => lastFailure[tenantId] = null;

    public void Failed(Guid tenantId, Exception error) => lastFailure[tenantId] = error.GetType().Name;

    public (int Working, int Failing, string? Example) Summary()
    {
        var entries = lastFailure.ToArray();
        var failing = entries.Where(e => e.Value is not null).ToList();
        return (entries.Length - failing.Count, failing.Count, failing.Select(e => e.Value).FirstOrDefault());
    }
}

/// <summary>
/// Unhealthy when the service's Graph credential is refused for every tenant it was tried for (nothing can be synced
/// or sent); degraded when only some tenants refuse it (their consent may have been withdrawn).
/// </summary>
public sealed class GraphCredentialHealthCheck(GraphCredentialStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (working, failing, example) = status.Summary();
        return Task.FromResult((working, failing) switch
        {
            (_, 0) => HealthCheckResult.Healthy(working == 0 ? "No Graph token requested yet." : $"Graph tokens issued for {working} tenant(s)."),
            (0, _) => HealthCheckResult.Unhealthy($"Graph tokens are refused for every tenant tried ({failing}; {example})."),
            _ => HealthCheckResult.Degraded($"Graph tokens are refused for {failing} of {working + failing} tenants ({example})."),
        });
    }
}
