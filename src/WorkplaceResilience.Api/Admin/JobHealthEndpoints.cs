using Hangfire;
using Microsoft.Extensions.Options;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Admin;

/// <summary>
/// The admins' view of the background jobs, built on Hangfire's monitoring API. Every tenant's admins see it and the
/// jobs serve all tenants, so a failure shows its exception type only: a message could carry another tenant's data.
/// </summary>
public static class JobHealthEndpoints
{
    public sealed record JobFailure(DateTimeOffset? At, string? ExceptionType);
    public sealed record RecurringJobHealth(
        string Id, string Schedule, DateTimeOffset? LastRun, string? LastRunState, DateTimeOffset? NextRun,
        JobFailure? LastFailure, long Failed, long Retrying);
    public sealed record QueueHealth(string Name, long Length, long? Fetched);
    public sealed record JobHealth(IReadOnlyList<RecurringJobHealth> Jobs, IReadOnlyList<QueueHealth> Queues, long Servers, long Processing);

    /// <summary>Enough failed and scheduled jobs to count per recurring job; older ones stay on the dashboard.</summary>
    private const int Window = 500;

    public static IEndpointRouteBuilder MapJobHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/jobs", (JobStorage storage, IOptions<JobOptions> jobs) => Read(storage, jobs.Value))
            .RequireAuthorization(Policies.Admin).WithTags("Admin")
            .WithSummary("Health of the recurring jobs: last and next run, last failure, failed and retrying counts, queue lengths.");
        return app;
    }

    public static JobHealth Read(JobStorage storage, JobOptions options)
    {
        var monitoring = storage.GetMonitoringApi();
        var failed = monitoring.FailedJobs(0, Window);
        var scheduled = monitoring.ScheduledJobs(0, Window);
        List<RecurringJobDto> recurring;
        using (var connection = storage.GetConnection()) recurring = connection.GetRecurringJobs();

        var jobs = recurring.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r =>
        {
            var type = RecurringJobs.Intervals(options).FirstOrDefault(j => j.Id == r.Id).JobType;
            var failures = failed.Where(f => type is not null && f.Value.Job?.Type == type).Select(f => f.Value).ToList();
            var last = failures.OrderByDescending(f => f.FailedAt).FirstOrDefault();
            return new RecurringJobHealth(
                r.Id, r.Cron, Utc(r.LastExecution), r.LastJobState, Utc(r.NextExecution),
                last is null ? null : new JobFailure(Utc(last.FailedAt), last.ExceptionType),
                failures.Count,
                scheduled.Count(s => type is not null && s.Value.Job?.Type == type));
        }).ToList();
        var queues = monitoring.Queues().Select(q => new QueueHealth(q.Name, q.Length, q.Fetched)).ToList();
        var statistics = monitoring.GetStatistics();
        return new JobHealth(jobs, queues, statistics.Servers, statistics.Processing);
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
