using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>What an admin sets for the organisation is used: the daily cap and quiet hours in every plan, the support links in the tab.</summary>
public abstract class TenantSettingsInUseTests(DatabaseKind kind)
{
    [Fact]
    public async Task The_tenants_daily_cap_limits_every_persons_offers()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 40);
        _ = host.Server;
        await SetAsync(host, t => t.DailyCap = 1);
        await host.SyncEverythingAsync();

        var offers = await OffersAsync(host);
        Assert.NotEmpty(offers);
        using var scope = host.Services.CreateScope();
        var zones = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees
            .ToDictionaryAsync(e => e.Id, e => People.LocalTime.Find(e.TimeZone));
        // One a day in each person's own day, wherever that day falls in UTC.
        Assert.All(offers.GroupBy(o => (o.EmployeeId, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.Start, zones[o.EmployeeId]).DateTime))),
            day => Assert.Single(day));
    }

    [Fact]
    public async Task Quiet_hours_over_the_whole_day_leave_nothing_offered()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 40);
        _ = host.Server;
        await SetAsync(host, t => (t.QuietStart, t.QuietEnd) = (new TimeOnly(0, 0), new TimeOnly(23, 59)));
        await host.SyncEverythingAsync();

        Assert.Empty(await OffersAsync(host));
    }

    [Fact]
    public async Task Employees_see_the_support_links_their_admin_set()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        await SetAsync(host, t => t.SupportLinks = """[{"title":"Employee assistance","url":"https://eap.example/help"}]""");

        var employee = host.Simulator.Tenant.Users.First(u => u.Role == GraphSimulator.DemoRole.Employee);
        var me = await (await host.SignedInAsync(employee.Id)).GetFromJsonAsync<JsonElement>("/api/me");
        var link = Assert.Single(me.GetProperty("supportResources").EnumerateArray());
        Assert.Equal("Employee assistance", link.GetProperty("title").GetString());
        Assert.Equal("https://eap.example/help", link.GetProperty("url").GetString());
    }

    private static async Task SetAsync(ApiHost host, Action<Tenant> change)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        change(await db.Tenants.SingleAsync(t => t.Id == host.TenantId));
        await db.SaveChangesAsync();
    }

    private static async Task<List<BreakOffer>> OffersAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).BreakOffers.AsNoTracking().ToListAsync();
    }
}

public sealed class SqliteTenantSettingsInUseTests() : TenantSettingsInUseTests(DatabaseKind.Sqlite);
public sealed class PostgresTenantSettingsInUseTests() : TenantSettingsInUseTests(DatabaseKind.Postgres);

/// <summary>The organisation's working day stands in for a mailbox that has no working hours, and only then.</summary>
public sealed class DefaultWorkingHoursTests
{
    private static readonly TimeOnly OrgStart = new(8, 0), OrgEnd = new(16, 30);

    [Fact]
    public void A_mailbox_without_working_hours_gets_the_organisations_day()
    {
        var employee = new Employee();
        People.MailboxSettingsMapper.Apply(new Microsoft.Graph.Models.MailboxSettings { TimeZone = "UTC" }, employee, OrgStart, OrgEnd);
        Assert.Equal((OrgStart, OrgEnd), (employee.WorkStart, employee.WorkEnd));
    }

    [Fact]
    public void A_mailbox_with_working_hours_keeps_its_own()
    {
        var employee = new Employee();
        var mailbox = new Microsoft.Graph.Models.MailboxSettings
        {
            WorkingHours = new Microsoft.Graph.Models.WorkingHours
            {
                StartTime = new Microsoft.Kiota.Abstractions.Time(7, 30, 0), EndTime = new Microsoft.Kiota.Abstractions.Time(15, 0, 0),
            },
        };
        People.MailboxSettingsMapper.Apply(mailbox, employee, OrgStart, OrgEnd);
        Assert.Equal((new TimeOnly(7, 30), new TimeOnly(15, 0)), (employee.WorkStart, employee.WorkEnd));
    }
}
