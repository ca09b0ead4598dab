using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Retention;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The retention job: per-person raw data older than the tenant's retention goes, newer data and other tenants' stay.</summary>
public abstract class RetentionTests(DatabaseKind kind)
{
    private sealed record Counts(int CalendarEntries, int BreakOffers, int PracticeSessions);

    [Fact]
    public async Task Rows_older_than_the_tenants_retention_are_deleted_newer_ones_kept_and_a_second_run_deletes_nothing()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var admin = await host.SignedInAsync(host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Admin).Id);
        var settings = AdminApiTests.DefaultSettings();
        settings["retentionDays"] = 30;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/settings", settings)).StatusCode);

        var now = host.Clock.GetUtcNow();
        var person = await FirstEmployeeAsync(host, host.TenantId);
        var old = await SeedAsync(host, host.TenantId, person, now.AddDays(-31), "old");
        // Started before the cutoff but ended after it: still inside the window.
        var spanning = await SeedAsync(host, host.TenantId, person, now.AddDays(-30).AddMinutes(-30), "spanning");
        var recent = await SeedAsync(host, host.TenantId, person, now.AddDays(-29), "recent");
        var before = await CountAsync(host, host.TenantId);

        var job = host.Services.GetRequiredService<RetentionJob>();
        var deleted = await job.DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(new RetentionJob.Deleted(1, 2, 2), deleted);
        Assert.Equal(new Counts(before.CalendarEntries - 1, before.BreakOffers - 2, before.PracticeSessions - 2), await CountAsync(host, host.TenantId));
        Assert.False(await ExistsAsync(host, host.TenantId, old));
        Assert.True(await ExistsAsync(host, host.TenantId, recent));
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            var cutoff = now.AddDays(-30);
            Assert.True(await db.CalendarEntries.AnyAsync(c => c.EventHash == spanning.EventHash));
            Assert.False(await db.CalendarEntries.AnyAsync(c => c.End < cutoff));
            Assert.False(await db.BreakOffers.AnyAsync(o => o.Start < cutoff));
            Assert.False(await db.PracticeSessions.AnyAsync(s => s.CompletedAt < cutoff));
            // What the sync just read (today's calendars and offers) is well inside the window.
            Assert.True(await db.CalendarEntries.CountAsync() > 2);
        }

        Assert.Equal(0, (await job.DeleteExpiredAsync(CancellationToken.None)).Total);
        Assert.Equal(new Counts(before.CalendarEntries - 1, before.BreakOffers - 2, before.PracticeSessions - 2), await CountAsync(host, host.TenantId));

        var lines = host.Logs.Lines.Where(l => l.Contains(typeof(RetentionJob).FullName!)).ToList();
        Assert.Contains(lines, l => l.StartsWith("Information") && l.Contains("deleted 1 calendar entries, 2 break offers and 2 practice sessions"));
        Assert.DoesNotContain(lines, l => l.Contains(person.ToString()) || l.Contains(host.TenantId.ToString()));
    }

    [Fact]
    public async Task Another_tenant_with_a_longer_retention_keeps_its_rows()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var now = host.Clock.GetUtcNow();
        var other = Guid.NewGuid();
        Guid otherPerson;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(other);
            await db.EnsureTenantAsync(other, "Fabrikam", now, CancellationToken.None);
            await db.Tenants.Where(t => t.Id == other).ExecuteUpdateAsync(s => s.SetProperty(t => t.RetentionDays, 365));
            otherPerson = Guid.NewGuid();
            db.Employees.Add(new Employee { Id = otherPerson, Department = "Finance", NextCalendarSyncAt = now });
            await db.SaveChangesAsync();
        }
        var person = await FirstEmployeeAsync(host, host.TenantId);
        var ours = await SeedAsync(host, host.TenantId, person, now.AddDays(-100), "ours");
        var theirs = await SeedAsync(host, other, otherPerson, now.AddDays(-100), "theirs");
        var theirsOld = await SeedAsync(host, other, otherPerson, now.AddDays(-400), "theirs-old");

        var job = host.Services.GetRequiredService<RetentionJob>();
        Assert.Equal(new RetentionJob.Deleted(1, 1, 1), await job.DeleteExpiredAsync(CancellationToken.None));
        Assert.False(await ExistsAsync(host, host.TenantId, ours));
        Assert.Equal(new Counts(2, 2, 2), await CountAsync(host, other));

        // Had the other tenant been served here, its own 365 days would apply: only the 400-day-old rows go.
        Assert.Equal(new RetentionJob.Deleted(1, 1, 1), await job.DeleteExpiredAsync(other, CancellationToken.None));
        Assert.True(await ExistsAsync(host, other, theirs));
        Assert.False(await ExistsAsync(host, other, theirsOld));
    }

    [Fact]
    public async Task A_tenant_whose_admin_turned_the_service_off_still_loses_its_old_rows()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var person = await FirstEmployeeAsync(host, host.TenantId);
        var old = await SeedAsync(host, host.TenantId, person, host.Clock.GetUtcNow().AddDays(-120), "disabled");
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Tenants.SingleAsync(t => t.Id == host.TenantId)).Enabled = false;
            await db.SaveChangesAsync();
        }

        await host.Services.GetRequiredService<RetentionJob>().DeleteExpiredAsync(CancellationToken.None);

        Assert.False(await ExistsAsync(host, host.TenantId, old));
    }

    [Fact]
    public async Task A_backlog_larger_than_one_batch_is_deleted_in_one_run()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var now = host.Clock.GetUtcNow();
        var person = await FirstEmployeeAsync(host, host.TenantId);
        var backlog = RetentionJob.DeleteBatchSize + 7;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            db.PracticeSessions.AddRange(Enumerable.Range(0, backlog).Select(i => new PracticeSession
            {
                Id = Guid.NewGuid(), EmployeeId = person, PracticeId = "x", LengthMinutes = 1, CompletedAt = now.AddDays(-91).AddMinutes(-i),
            }));
            await db.SaveChangesAsync();
        }

        var deleted = await host.Services.GetRequiredService<RetentionJob>().DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(backlog, deleted.PracticeSessions);
        Assert.Equal(0, (await CountAsync(host, host.TenantId)).PracticeSessions);
    }

    [Fact]
    public async Task The_retention_job_is_registered_daily_and_a_daily_job_does_not_make_the_service_unready()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true, employees: 20);
        _ = host.Server;
        var storage = host.Services.GetRequiredService<JobStorage>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        RecurringJobDto? retention;
        do
        {
            using var connection = storage.GetConnection();
            retention = connection.GetRecurringJobs().SingleOrDefault(j => j.Id == RecurringJobs.Retention);
            if (retention is null) await Task.Delay(250);
        } while (retention is null && DateTime.UtcNow < deadline);

        Assert.NotNull(retention);
        Assert.Equal("0 0 0 * * *", retention.Cron);
        Assert.Equal(typeof(RetentionJob), retention.Job.Type);
        Assert.NotNull(retention.NextExecution);
        Assert.True(retention.NextExecution <= DateTime.UtcNow.AddDays(1));

        using var scope = host.Services.CreateScope();
        var check = ActivatorUtilities.CreateInstance<JobEngineHealthCheck>(scope.ServiceProvider);
        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("jobs", check, null, null, Readiness.CheckTimeout),
        });
        Assert.DoesNotContain(RecurringJobs.Retention, result.Description ?? "");
    }

    private static async Task<Guid> FirstEmployeeAsync(ApiHost host, Guid tenantId)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        return await db.Employees.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
    }

    /// <summary>One calendar entry (ending an hour after <paramref name="at"/>), one break offer and one practice session at <paramref name="at"/>.</summary>
    private static async Task<(string EventHash, Guid OfferId, Guid SessionId)> SeedAsync(
        ApiHost host, Guid tenantId, Guid person, DateTimeOffset at, string name)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var seeded = ("retention-" + name, Guid.NewGuid(), Guid.NewGuid());
        db.CalendarEntries.Add(new CalendarEntry { EmployeeId = person, EventHash = seeded.Item1, Start = at, End = at.AddHours(1), ShowAs = 2 });
        db.BreakOffers.Add(new BreakOffer
        {
            Id = seeded.Item2, EmployeeId = person, Start = at, LengthMinutes = 3, PracticeId = "x", Status = OfferStatus.Completed, CreatedAt = at,
        });
        db.PracticeSessions.Add(new PracticeSession
        {
            Id = seeded.Item3, EmployeeId = person, OfferId = seeded.Item2, PracticeId = "x", LengthMinutes = 3, CompletedAt = at.AddMinutes(5),
            BeforeTension = 4, AfterTension = 2,
        });
        await db.SaveChangesAsync();
        return seeded;
    }

    private static async Task<bool> ExistsAsync(ApiHost host, Guid tenantId, (string EventHash, Guid OfferId, Guid SessionId) seeded)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var found = new[]
        {
            await db.CalendarEntries.AnyAsync(c => c.EventHash == seeded.EventHash),
            await db.BreakOffers.AnyAsync(o => o.Id == seeded.OfferId),
            await db.PracticeSessions.AnyAsync(s => s.Id == seeded.SessionId),
        };
        Assert.True(found.All(f => f) || found.All(f => !f), $"Only some of the {seeded.EventHash} rows are left.");
        return found[0];
    }

    private static async Task<Counts> CountAsync(ApiHost host, Guid tenantId)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        return new Counts(await db.CalendarEntries.CountAsync(), await db.BreakOffers.CountAsync(), await db.PracticeSessions.CountAsync());
    }
}

public sealed class SqliteRetentionTests() : RetentionTests(DatabaseKind.Sqlite);
public sealed class PostgresRetentionTests() : RetentionTests(DatabaseKind.Postgres);
