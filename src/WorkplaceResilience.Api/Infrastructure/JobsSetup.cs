using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Api.Retention;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>The recurring jobs: five of them, whatever the number of people or offers.</summary>
public static class RecurringJobs
{
    public const string DirectorySync = "directory-sync";
    public const string CalendarSync = "calendar-sync";
    public const string OfferDelivery = "offer-delivery";
    public const string Retention = "retention";
    public const string ReportRollup = "report-rollup";

    /// <summary>Each recurring job with its job class and how often configuration says it runs.</summary>
    public static IReadOnlyList<(string Id, Type JobType, TimeSpan Every)> Intervals(JobOptions jobs) =>
    [
        (DirectorySync, typeof(DirectorySyncJob), jobs.DirectorySyncJobEvery),
        (CalendarSync, typeof(CalendarSyncJob), jobs.CalendarSyncJobEvery),
        (OfferDelivery, typeof(OfferDeliveryJob), jobs.DeliveryJobEvery),
        (Retention, typeof(RetentionJob), jobs.RetentionJobEvery),
        (ReportRollup, typeof(ReportRollupJob), jobs.ReportRollupJobEvery),
    ];

    /// <summary>Adds or updates every recurring job on the schedule configuration gives it (in UTC).</summary>
    public static void Register(IRecurringJobManager manager, JobOptions jobs)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        manager.AddOrUpdate<DirectorySyncJob>(DirectorySync, j => j.RunAsync(CancellationToken.None), Cron(jobs.DirectorySyncJobEvery), utc);
        manager.AddOrUpdate<CalendarSyncJob>(CalendarSync, j => j.RunAsync(CancellationToken.None), Cron(jobs.CalendarSyncJobEvery), utc);
        manager.AddOrUpdate<OfferDeliveryJob>(OfferDelivery, j => j.RunAsync(CancellationToken.None), Cron(jobs.DeliveryJobEvery), utc);
        manager.AddOrUpdate<RetentionJob>(Retention, j => j.RunAsync(CancellationToken.None), Cron(jobs.RetentionJobEvery), utc);
        manager.AddOrUpdate<ReportRollupJob>(ReportRollup, j => j.RunAsync(CancellationToken.None), Cron(jobs.ReportRollupJobEvery), utc);
    }

    /// <summary>
    /// The cron expression (with seconds) that fires every <paramref name="every"/>, aligned to the clock.
    /// Only intervals that divide a minute, an hour or a day evenly can be aligned; others are refused.
    /// </summary>
    public static string Cron(TimeSpan every)
    {
        var seconds = (int)every.TotalSeconds;
        if (every.Ticks % TimeSpan.TicksPerSecond != 0 || seconds <= 0) return Invalid(every);
        if (seconds < 60) return 60 % seconds == 0 ? $"*/{seconds} * * * * *" : Invalid(every);
        if (seconds < 3600) return seconds % 60 == 0 && 60 % (seconds / 60) == 0 ? $"0 */{seconds / 60} * * * *" : Invalid(every);
        if (seconds <= 86400 && seconds % 3600 == 0 && 24 % (seconds / 3600) == 0)
            return seconds == 86400 ? "0 0 0 * * *" : $"0 0 */{seconds / 3600} * * *";
        return Invalid(every);
    }

    public static bool IsValidInterval(TimeSpan every)
    {
        try { Cron(every); return true; }
        catch (ArgumentException) { return false; }
    }

    private static string Invalid(TimeSpan every) => throw new ArgumentException(
        $"A job interval of {every} cannot run on a fixed clock schedule: use whole seconds that divide a minute " +
        "(1-30 s), whole minutes that divide an hour (1-30 min), or whole hours that divide a day (1-24 h).");
}

public static class JobsSetup
{
    /// <summary>
    /// Hangfire as the job engine: PostgreSQL storage (shared by every instance) when Storage:Postgres is set,
    /// in-memory storage with the embedded SQLite default. Due work (calendars to read, offers to send) lives
    /// in our own tables and the recurring jobs are re-registered at every start, so an in-memory job store
    /// loses nothing on a restart.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, StorageOptions storage, JobOptions jobs)
    {
        // Hangfire keeps its storage and job activator in statics by default; registering our own per host
        // keeps two hosts in one process (tests, a web and a worker host) from sharing each other's.
        services.AddSingleton<JobStorage>(sp => storage.UsePostgres
            ? PostgresStorage(sp.GetRequiredService<Npgsql.NpgsqlDataSource>())
            : new InMemoryStorage());
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        if (!jobs.Enabled) return services;

        services.AddHostedService<RecurringJobRegistration>();
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = 4;
            // How often due recurring and delayed jobs are looked for; the default (15 s) would make a
            // 15-second delivery job fire up to 30 s apart.
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            options.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }

    private static PostgreSqlStorage PostgresStorage(Npgsql.NpgsqlDataSource dataSource)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new Persistence.DataSourceConnectionFactory(dataSource), options);
    }
}

/// <summary>Registers (or updates) the recurring jobs from configuration when the host starts.</summary>
public sealed class RecurringJobRegistration(IRecurringJobManager manager, IOptions<JobOptions> jobs, ILogger<RecurringJobRegistration> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        RecurringJobs.Register(manager, jobs.Value);
        // The directory is read at start too, not only at its next turn hours away.
        manager.Trigger(RecurringJobs.DirectorySync);
        logger.LogInformation("Recurring jobs registered: {Jobs}", string.Join(", ", RecurringJobs.Intervals(jobs.Value).Select(j => j.Id)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Hangfire logs through one process-wide provider. It wraps the host's logger factory like Hangfire's own
/// AspNetCoreLogProvider, but goes quiet once that host has shut down instead of throwing: in a process that hosts
/// the service more than once (the tests), a later host must not fail because an earlier one disposed its loggers.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : Hangfire.Logging.ILogProvider
{
    public Hangfire.Logging.ILog GetLogger(string name) => new HostLog(factory, name);

    private sealed class HostLog(ILoggerFactory factory, string name) : Hangfire.Logging.ILog
    {
        private ILogger? logger;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = (LogLevel)(int)logLevel;
            try
            {
                logger ??= factory.CreateLogger(name);
                if (messageFunc is null) return logger.IsEnabled(level);
                if (logger.IsEnabled(level)) logger.Log(level, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
