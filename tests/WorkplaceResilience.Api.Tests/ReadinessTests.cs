using System.Net;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Persistence;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>/health/ready says what is wrong when the service cannot do its work.</summary>
public abstract class ReadinessTests(DatabaseKind kind)
{
    [Fact]
    public async Task A_working_service_is_ready_and_says_so_per_check()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true);
        var (status, report) = await WaitForReadinessAsync(host, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["database", "graph-credentials", "jobs"], report.GetProperty("checks").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public async Task A_recurring_job_that_fails_run_after_run_makes_the_service_unready()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true);
        await WaitForReadinessAsync(host, HttpStatusCode.OK);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var jobs = host.Services.GetRequiredService<IBackgroundJobClient>();
        // The database loses the employees table: every directory-sync run fails from now on, on every tenant.
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("ALTER TABLE employees RENAME TO employees_gone");
        // Runs that meet one still going (the start-up's) are skipped, so enqueue until three have failed.
        for (var failed = 0; failed < JobEngineHealthCheck.FailuresInARow;)
        {
            var id = jobs.Enqueue<DirectorySyncJob>(j => j.RunAsync(CancellationToken.None));
            await WaitUntilAsync(() => storage.GetConnection().GetStateData(id)?.Name is "Failed" or "Deleted" or "Succeeded");
            var state = storage.GetConnection().GetStateData(id)!.Name;
            Assert.NotEqual("Succeeded", state);
            if (state == "Failed") failed++;
        }

        var (status, report) = await WaitForReadinessAsync(host, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var jobsCheck = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs");
        Assert.Contains($"{RecurringJobs.DirectorySync} failed on each of its last {JobEngineHealthCheck.FailuresInARow} runs",
            jobsCheck.GetProperty("reason").GetString());

        // One good run clears it.
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("ALTER TABLE employees_gone RENAME TO employees");
        var good = jobs.Enqueue<DirectorySyncJob>(j => j.RunAsync(CancellationToken.None));
        await WaitUntilAsync(() => storage.GetConnection().GetStateData(good)?.Name is "Succeeded" or "Deleted" or "Failed");
        Assert.Equal(HttpStatusCode.OK, (await WaitForReadinessAsync(host, HttpStatusCode.OK)).Status);
    }

    [Fact]
    public async Task A_Graph_credential_refused_for_every_tenant_makes_the_service_unready()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = host.Server;
        // As if the app's credential had been revoked: the token endpoint refuses (nothing listens on port 1).
        host.Services.GetRequiredService<GraphEndpoint>().TokenEndpoint = new Uri("http://127.0.0.1:1/token");
        await Assert.ThrowsAnyAsync<Exception>(host.SyncEverythingAsync);

        var response = await host.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Graph tokens are refused for every tenant tried", await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Report)> WaitForReadinessAsync(ApiHost host, HttpStatusCode wanted)
    {
        var client = host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline) return (response.StatusCode, report);
            await Task.Delay(250);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 30 s.");
            await Task.Delay(250);
        }
    }
}

public sealed class SqliteReadinessTests() : ReadinessTests(DatabaseKind.Sqlite);
public sealed class PostgresReadinessTests() : ReadinessTests(DatabaseKind.Postgres);
