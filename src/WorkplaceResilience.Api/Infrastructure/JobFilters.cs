using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// A job run that finds another run of the same job still going (on this instance or any other sharing the
/// storage) is skipped, not queued behind it: the running one is already working through the same due rows.
/// The skipped run ends as Deleted ("Canceled by filter"), never as a failure. A run that goes ahead is traced as
/// one activity of <see cref="Telemetry.Jobs"/>, started once the lock is held and stopped before it is released.
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
        if (context.Items.TryGetValue(LockItem, out var held)) ((IDisposable)held).Dispose();
    }
}
