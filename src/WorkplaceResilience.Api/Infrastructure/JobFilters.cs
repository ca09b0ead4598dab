using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// A job run that finds another run of the same job still going (on this instance or any other sharing the
/// storage) is skipped, not queued behind it: the running one is already working through the same due rows.
/// The skipped run ends as Deleted ("Canceled by filter"), never as a failure. A run that goes ahead is traced as
/// one activity of <see cref="Telemetry.Jobs"/>, started once the lock is held and stopped before it is released, and
/// its outcome is kept per job in the job storage (<see cref="JobOutcomes"/>) for readiness.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkipWhenRunningAttribute : JobFilterAttribute, IServerFilter
{
    private const string LockItem = "skip-when-running-lock";
    private const string ActivityItem = "skip-when-running-activity";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        try
        {
            context.Items[LockItem] = context.Connection.AcquireDistributedLock($"wr:job:{job.Type.Name}.{job.Method.Name}", TimeSpan.Zero);
            if (Telemetry.Jobs.StartActivity(job.Type.Name) is { } activity) context.Items[ActivityItem] = activity;
        }
        catch (DistributedLockTimeoutException)
        {
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(ActivityItem, out var activity))
        {
            var run = (System.Diagnostics.Activity)activity;
            if (context.Exception is not null) run.SetStatus(System.Diagnostics.ActivityStatusCode.Error, context.Exception.GetType().Name);
            run.Stop();
        }
        if (context.Items.TryGetValue(LockItem, out var held))
        {
            // Still under the job's lock, so no other run of it updates the outcome at the same time.
            JobOutcomes.Record(context.Connection, context.BackgroundJob.Job.Type, succeeded: context.Exception is null);
            ((IDisposable)held).Dispose();
        }
    }
}

/// <summary>
/// How each recurring job's runs have been going, kept in the job storage (shared by every instance): how many runs in a
/// row failed, and when one last succeeded. Hangfire's own lists cannot tell this per job: succeeded jobs of the frequent
/// jobs push a daily job's out of any window, and failed jobs never expire.
/// </summary>
public static class JobOutcomes
{
    public sealed record Outcome(int FailuresInARow, DateTime? LastSuccess);

    private static string Key(Type job) => $"wr:job-outcome:{job.Name}";

    public static void Record(IStorageConnection connection, Type job, bool succeeded)
    {
        var failures = succeeded ? 0 : Read(connection, job).FailuresInARow + 1;
        var values = new Dictionary<string, string> { ["failuresInARow"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (succeeded) values["lastSuccess"] = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        connection.SetRangeInHash(Key(job), values);
    }

    public static Outcome Read(IStorageConnection connection, Type job)
    {
        var entries = connection.GetAllEntriesFromHash(Key(job)) ?? new Dictionary<string, string>();
        var failures = entries.TryGetValue("failuresInARow", out var f) && int.TryParse(f, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
        DateTime? lastSuccess = entries.TryGetValue("lastSuccess", out var s)
            && DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at : null;
        return new Outcome(failures, lastSuccess);
    }
}
