using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Start-up, wiring and schema: things that must hold on every database.</summary>
public abstract class HostTests(DatabaseKind kind)
{
    [Fact]
    public async Task Every_registered_service_resolves_from_the_real_container()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = host.Server;
        using var scope = host.Services.CreateScope();
        var failures = new List<string>();
        foreach (var descriptor in host.RegisteredServices!)
        {
            var type = descriptor.ServiceType;
            if (type.ContainsGenericParameters || descriptor.IsKeyedService) continue;
            try
            {
                _ = scope.ServiceProvider.GetService(type);
            }
            catch (Exception error)
            {
                failures.Add($"{type.FullName}: {error.Message}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_finds_nothing_to_do()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = host.Server; // start-up applied every migration
        using var scope = host.Services.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SchemaMigrator>();
        Assert.Empty(await migrator.MigrateAsync(CancellationToken.None));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        // Every mapped entity can be read: the EF model and the migrated schema agree.
        await db.ForTenant(Guid.NewGuid()).Employees.ToListAsync();
        await db.CalendarEntries.ToListAsync();
        await db.BreakOffers.ToListAsync();
        await db.PracticeSessions.ToListAsync();
    }

    [Fact]
    public async Task With_jobs_running_the_demo_has_synced_calendars_and_offers_within_a_minute()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), jobsEnabled: true, employees: 300);
        var client = host.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var ready = false;
        var offers = 0;
        var synced = 0;
        while (DateTime.UtcNow < deadline)
        {
            ready = (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            offers = await db.BreakOffers.CountAsync();
            synced = await db.Employees.CountAsync(e => e.CalendarSyncedAt != null);
            if (ready && synced == 300) break;
            await Task.Delay(1000);
        }
        Assert.True(ready, "/health/ready did not answer 200 within 60 s");
        Assert.True(synced == 300, $"only {synced} of 300 calendars synced within 60 s");
        Assert.True(offers > 300, $"only {offers} offers planned within 60 s");
        var person = host.Simulator.Tenant.Users.First(u => u.Role == GraphSimulator.DemoRole.Employee);
        var today = await (await host.SignedInAsync(person.Id)).GetFromJsonAsync<JsonElement>("/api/me/today");
        Assert.True(today.GetProperty("blocks").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Outside_demo_mode_the_demo_sign_in_does_not_exist()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), configure: builder => builder
            .UseSetting("Demo:Enabled", "false")
            .UseSetting("AzureAd:ClientId", "11111111-2222-3333-4444-555555555555")
            .UseSetting("AzureAd:ClientCredentials:0:SourceType", "ClientSecret")
            .UseSetting("AzureAd:ClientCredentials:0:ClientSecret", "not-used-by-this-test")
            .UseSetting("Security:EventHashKey", Convert.ToBase64String(new byte[32])));
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/demo/people")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/demo/sign-in", new { userId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}

public sealed class SqliteHostTests() : HostTests(DatabaseKind.Sqlite);
public sealed class PostgresHostTests() : HostTests(DatabaseKind.Postgres);
