using Quartz;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Infrastructure;

public static class SchedulerSetup
{
    /// <summary>
    /// Three recurring jobs, whatever the number of people: each run claims due work from our own tables in
    /// bounded batches. Never a trigger per person or per offer. The schedule lives in the database (SQLite by
    /// default, PostgreSQL with clustering in production), and Quartz creates its own tables.
    /// </summary>
    public static IServiceCollection AddScheduler(this IServiceCollection services, StorageOptions storage, JobOptions jobs, string contentRoot)
    {
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                if (storage.UsePostgres)
                {
                    store.UsePostgres(storage.Postgres!);
                    if (jobs.Clustered) store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(PersistenceSetup.SqliteConnectionString(storage, contentRoot, "scheduler.db"));
                }
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            if (!jobs.Enabled) return;
            Recurring<DirectorySyncJob>(q, "directory-sync", jobs.DirectorySyncJobEvery);
            Recurring<CalendarSyncJob>(q, "calendar-sync", jobs.CalendarSyncJobEvery);
            Recurring<OfferDeliveryJob>(q, "offer-delivery", jobs.DeliveryJobEvery);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHealthChecks().AddQuartz(_ => { });
        return services;
    }

    private static void Recurring<TJob>(IQuartzBuilder q, string name, TimeSpan every) where TJob : IJob =>
        q.ScheduleJob<TJob>(
            trigger => trigger.WithIdentity(name).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()),
            job => job.WithIdentity(name));
}
