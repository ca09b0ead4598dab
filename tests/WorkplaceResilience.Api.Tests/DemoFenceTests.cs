using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>A demo process never syncs or notifies a tenant the demo did not create, even in the same database.</summary>
public abstract class DemoFenceTests(DatabaseKind kind)
{
    [Fact]
    public async Task A_real_tenant_in_the_demo_database_is_left_alone_by_every_job()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 30);
        _ = host.Server;
        var real = Guid.NewGuid();
        var person = Guid.NewGuid();
        var offerId = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(real);
            db.Tenants.Add(new Tenant { Id = real, Name = "A real customer", CreatedAt = now });
            db.Employees.Add(new Employee { Id = person, NextCalendarSyncAt = now.AddDays(-1) });
            db.BreakOffers.Add(new BreakOffer { Id = offerId, EmployeeId = person, Start = now.AddMinutes(1), LengthMinutes = 3, PracticeId = "x", CreatedAt = now });
            await db.SaveChangesAsync();
        }

        await host.SyncEverythingAsync();
        await host.DeliverDueAsync();

        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(real);
            var employee = await db.Employees.SingleAsync();
            Assert.True(employee.IsActive, "the demo's directory sync marked a real person inactive");
            Assert.Null(employee.CalendarSyncedAt);
            Assert.Equal(OfferStatus.Planned, (await db.BreakOffers.SingleAsync()).Status);
            Assert.Equal(1, await db.Employees.CountAsync());
        }
        Assert.DoesNotContain(host.Simulator.SentNotifications, n => n.UserId == person);
        Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<GraphClients>().For(real));
    }
}

public sealed class SqliteDemoFenceTests() : DemoFenceTests(DatabaseKind.Sqlite);
public sealed class PostgresDemoFenceTests() : DemoFenceTests(DatabaseKind.Postgres);
