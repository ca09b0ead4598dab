using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Retention;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Admin;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Hangfire as the job engine: recurring jobs from configuration, no overlap, admin-only job health.</summary>
public abstract class JobTests(DatabaseKind kind)
{
    [Fact]
    public async Task The_five_recurring_jobs_are_registered_from_configuration_and_run()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true, configure: b => b
            .UseSetting("Jobs:CalendarSyncJobEvery", "00:00:02")
            .UseSetting("Jobs:DeliveryJobEvery", "00:00:03")
            .UseSetting("Jobs:DirectorySyncJobEvery", "04:00:00")
            .UseSetting("Jobs:RetentionJobEvery", "00:00:04")
            .UseSetting("Jobs:ReportRollupJobEvery", "00:00:05"));
        _ = host.Server;
        var storage = host.Services.GetRequiredService<JobStorage>();
        var recurring = await WaitForAsync(() =>
        {
            using var connection = storage.GetConnection();
            var jobs = connection.GetRecurringJobs();
            return jobs.Count == 5 && jobs.All(j => j.LastExecution is not null) ? jobs : null;
        }, TimeSpan.FromSeconds(60), "every recurring job to run once");
        Assert.Equal("*/2 * * * * *", recurring.Single(j => j.Id == RecurringJobs.CalendarSync).Cron);
        Assert.Equal("*/3 * * * * *", recurring.Single(j => j.Id == RecurringJobs.OfferDelivery).Cron);
        Assert.Equal("0 0 */4 * * *", recurring.Single(j => j.Id == RecurringJobs.DirectorySync).Cron);
        Assert.Equal("*/4 * * * * *", recurring.Single(j => j.Id == RecurringJobs.Retention).Cron);
        Assert.Equal("*/5 * * * * *", recurring.Single(j => j.Id == RecurringJobs.ReportRollup).Cron);
        Assert.Equal(0, storage.GetMonitoringApi().GetStatistics().Failed);
    }

    [Fact]
    public async Task Job_health_and_the_dashboard_admit_admins_only()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true);
        _ = host.Server;
        var users = host.Simulator.Tenant.Users;
        var anonymous = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var employee = await host.SignedInAsync(users.First(u => u.Role == DemoRole.Employee).Id);
        var hr = await host.SignedInAsync(users.First(u => u.Role == DemoRole.Hr).Id);
        var admin = await host.SignedInAsync(users.First(u => u.Role == DemoRole.Admin).Id);

        foreach (var path in new[] { "/api/admin/jobs", "/hangfire/", "/hangfire/recurring" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await hr.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsync("/api/admin/dashboard-link", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire-sign-in?ticket=forged")).StatusCode);

        var health = await admin.GetFromJsonAsync<JobHealthEndpoints.JobHealth>("/api/admin/jobs");
        Assert.Equal([RecurringJobs.CalendarSync, RecurringJobs.DirectorySync, RecurringJobs.OfferDelivery, RecurringJobs.ReportRollup, RecurringJobs.Retention], health!.Jobs.Select(j => j.Id));
        Assert.All(health.Jobs, j => Assert.NotNull(j.NextRun));
        Assert.All(health.Queues, q => Assert.True(q.Length >= 0));
    }

    [Fact]
    public async Task Only_the_operator_tenants_admins_reach_the_dashboard_and_job_health_names_no_failure_message()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true);
        _ = host.Server;
        var other = Guid.NewGuid();
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>()
                .EnsureTenantAsync(other, "Fabrikam", host.Clock.GetUtcNow(), CancellationToken.None);
        var token = host.Services.GetRequiredService<DemoTokens>().IssueForPerson(other, Guid.NewGuid(), "Fabrikam admin", [AppRoles.Admin]).Token;
        var otherAdmin = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        otherAdmin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var demoAdmin = await host.SignedInAsync(host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Admin).Id);

        Assert.Equal(HttpStatusCode.OK, (await otherAdmin.GetAsync("/api/admin/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.GetAsync("/hangfire/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.GetAsync("/hangfire/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherAdmin.PostAsync("/api/admin/dashboard-link", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demoAdmin.GetAsync("/hangfire/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demoAdmin.PostAsync("/api/admin/dashboard-link", null)).StatusCode);

        host.Services.GetRequiredService<IBackgroundJobClient>().Create<RetentionJob>(j => j.RunAsync(CancellationToken.None),
            new FailedState(new InvalidOperationException("Mailbox ada@contoso.com of another tenant is not reachable")));
        var jobs = await otherAdmin.GetFromJsonAsync<JsonElement>("/api/admin/jobs");
        var failure = jobs.GetProperty("jobs").EnumerateArray().Single(j => j.GetProperty("id").GetString() == RecurringJobs.Retention)
            .GetProperty("lastFailure");
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.GetProperty("exceptionType").GetString());
        Assert.False(failure.TryGetProperty("message", out _));
        Assert.DoesNotContain("contoso", jobs.GetRawText());
    }

    [Fact]
    public async Task Outside_demo_mode_without_an_operator_nobody_gets_the_dashboard()
    {
        var handler = new OperatorTenantHandler(Options.Create(new AdminOptions()), Options.Create(new DemoOptions()), new GraphEndpoint());
        var tenant = Guid.NewGuid();
        Assert.False(await AdmitsAsync(handler, tenant));
        var configured = new OperatorTenantHandler(
            Options.Create(new AdminOptions { OperatorTenantId = tenant }), Options.Create(new DemoOptions()), new GraphEndpoint());
        Assert.True(await AdmitsAsync(configured, tenant));
        Assert.False(await AdmitsAsync(configured, Guid.NewGuid()));
    }

    private static async Task<bool> AdmitsAsync(OperatorTenantHandler handler, Guid tenant)
    {
        var requirement = new OperatorTenantRequirement();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tid", tenant.ToString())], "test"));
        var context = new AuthorizationHandlerContext([requirement], user, null);
        await handler.HandleAsync(context);
        return context.HasSucceeded;
    }

    [Fact]
    public async Task A_dashboard_link_opens_the_dashboard_in_a_browser_without_a_bearer_token()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = host.Server;
        var admin = await host.SignedInAsync(host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Admin).Id);
        var link = await (await admin.PostAsync("/api/admin/dashboard-link", null)).Content.ReadFromJsonAsync<DashboardAccess.DashboardLink>();

        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/hangfire/")).StatusCode);
        var signIn = await browser.GetAsync(link!.Url);
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        var page = await browser.GetAsync("/hangfire/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("background jobs", await page.Content.ReadAsStringAsync());
        // The cookie opens the dashboard only, not the API.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/jobs")).StatusCode);
    }

    protected static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value) return value;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}.");
    }
}

public sealed class SqliteJobTests() : JobTests(DatabaseKind.Sqlite);

public sealed class PostgresJobTests() : JobTests(DatabaseKind.Postgres);

/// <summary>Alone, because its activity listener would also hear the job runs of other tests' hosts.</summary>
[CollectionDefinition(nameof(ClusterTests), DisableParallelization = true)]
[Collection(nameof(ClusterTests))]
public sealed class ClusterTests
{
    [Fact]
    public async Task Two_instances_on_one_database_never_run_the_same_recurring_job_twice_at_once()
    {
        // Each job run that goes ahead is one activity, started once the run holds its lock and stopped before it lets
        // go; both instances live in this process, so one listener sees every run of both.
        var runs = new List<(string Job, DateTime Start, DateTime End)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Jobs.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => { lock (runs) runs.Add((activity.OperationName, activity.StartTimeUtc, activity.StartTimeUtc + activity.Duration)); },
        };
        ActivitySource.AddActivityListener(listener);

        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        // Every second, while one calendar-sync run over 300 people takes several: plenty of chances to overlap.
        Action<IWebHostBuilder> fast = b => b
            .UseSetting("Jobs:CalendarSyncJobEvery", "00:00:01")
            .UseSetting("Jobs:DeliveryJobEvery", "00:00:01");
        await using var first = new ApiHost(database, jobsEnabled: true, employees: 300, configure: fast, ownsDatabase: false);
        _ = first.Server; // the first instance registers the demo tenant before the second starts
        await using var second = new ApiHost(database, jobsEnabled: true, employees: 300, configure: fast, ownsDatabase: false);
        _ = second.Server;
        await Task.Delay(TimeSpan.FromSeconds(20));

        var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(2, monitoring.Servers().Count);
        Assert.True(monitoring.DeletedJobs(0, 5000).Count > 0, "no run was ever skipped, so the test never saw a chance to overlap");
        List<(string Job, DateTime Start, DateTime End)> seen;
        lock (runs) seen = [.. runs];
        Assert.Contains(seen, r => r.Job == nameof(Calendar.CalendarSyncJob));
        foreach (var job in seen.GroupBy(r => r.Job))
        {
            var ordered = job.OrderBy(r => r.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].Start >= ordered[i - 1].End,
                    $"{job.Key} started at {ordered[i].Start:O} while the run before lasted until {ordered[i - 1].End:O}");
        }
    }

    [Fact]
    public async Task Instances_starting_together_on_an_empty_database_all_start()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
            var hosts = Enumerable.Range(0, 3).Select(_ => new ApiHost(database, jobsEnabled: true, employees: 20, ownsDatabase: false)).ToList();
            try
            {
                // Migrations, Hangfire's schema, the demo tenant and the event-hash key are all set up at once.
                await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Server)));
                foreach (var host in hosts)
                    Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/health/live")).StatusCode);
            }
            finally
            {
                foreach (var host in hosts) await host.DisposeAsync();
            }
        }
    }
}

/// <summary>How configured intervals become Hangfire cron schedules.</summary>
public sealed class RecurringScheduleTests
{
    [Theory]
    [InlineData("00:00:15", "*/15 * * * * *")]
    [InlineData("00:00:30", "*/30 * * * * *")]
    [InlineData("00:05:00", "0 */5 * * * *")]
    [InlineData("06:00:00", "0 0 */6 * * *")]
    [InlineData("1.00:00:00", "0 0 0 * * *")]
    public void Intervals_that_divide_the_clock_become_aligned_cron_schedules(string every, string cron) =>
        Assert.Equal(cron, RecurringJobs.Cron(TimeSpan.Parse(every)));

    [Theory]
    [InlineData("00:00:07")]
    [InlineData("00:01:30")]
    [InlineData("00:00:00.500")]
    [InlineData("05:00:00")]
    [InlineData("2.00:00:00")]
    [InlineData("00:00:00")]
    public void Intervals_that_cannot_be_aligned_are_refused_with_a_clear_message(string every)
    {
        var error = Assert.Throws<ArgumentException>(() => RecurringJobs.Cron(TimeSpan.Parse(every)));
        Assert.Contains("divide", error.Message);
    }
}
