using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Mailboxes that always fail go to the back of the queue, so they cannot starve everyone else's sync.</summary>
public abstract class CalendarSyncFailureTests(DatabaseKind kind)
{
    [Fact]
    public async Task A_calendar_that_cannot_be_read_waits_a_refresh_interval_and_the_rest_are_synced()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var now = host.Clock.GetUtcNow();
        // More people Graph does not know (404) than one batch holds, all due before anyone else.
        var unknown = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            db.Employees.AddRange(unknown.Select(id => new Employee { Id = id, NextCalendarSyncAt = now.AddHours(-2) }));
            await db.Employees.ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, now.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        var sync = host.Services.GetRequiredService<CalendarSyncJob>();
        // Batches of 5: the first holds only the failing people; the next ones must reach everyone else.
        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.JobOptions>>().Value;
        var batch = options.BatchSize;
        options.BatchSize = 5;
        try
        {
            for (var run = 0; run < 10 && await DueAsync(host, now) > 0; run++) await sync.SyncDueAsync(host.TenantId, CancellationToken.None);
        }
        finally
        {
            options.BatchSize = batch;
        }

        using var check = host.Services.CreateScope();
        var employees = await check.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees.AsNoTracking().ToListAsync();
        Assert.All(employees.Where(e => unknown.Contains(e.Id)), e => Assert.Equal(now + options.CalendarRefreshAfter, e.NextCalendarSyncAt));
        Assert.All(employees.Where(e => !unknown.Contains(e.Id)), e => Assert.True(e.NextCalendarSyncAt > now, "a readable calendar was starved"));
    }

    private static async Task<int> DueAsync(ApiHost host, DateTimeOffset now)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees.CountAsync(e => e.NextCalendarSyncAt <= now);
    }
}

public sealed class SqliteCalendarSyncFailureTests() : CalendarSyncFailureTests(DatabaseKind.Sqlite);
public sealed class PostgresCalendarSyncFailureTests() : CalendarSyncFailureTests(DatabaseKind.Postgres);
