using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Groups in scope: only their members are synced, planned for and notified; an empty list means everyone.</summary>
public abstract class GroupScopeTests(DatabaseKind kind)
{
    private static async Task<ApiHost> StartAsync(DatabaseKind kind)
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = host.Server;
        return host;
    }

    /// <summary>As an admin would: read the settings, change the groups, put them back.</summary>
    private static async Task PutGroupsInScopeAsync(ApiHost host, params Guid[] groups)
    {
        var admin = await host.SignedInAsync(host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Admin).Id);
        var settings = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/settings"))!;
        settings["groupsInScope"] = new JsonArray(groups.Select(g => (JsonNode)g.ToString()).ToArray());
        var response = await admin.PutAsJsonAsync("/api/admin/settings", settings);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task SetGroupsInScopeInDatabaseAsync(ApiHost host, params Guid[] groups)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == host.TenantId);
        tenant.GroupsInScope = JsonSerializer.Serialize(groups);
        await db.SaveChangesAsync();
    }

    private sealed record Snapshot(HashSet<Guid> People, HashSet<Guid> Active, HashSet<Guid> WithCalendar, HashSet<Guid> WithPlannedBreaks);

    private static async Task<Snapshot> SnapshotAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var now = host.Clock.GetUtcNow();
        return new Snapshot(
            (await db.Employees.Select(e => e.Id).ToListAsync()).ToHashSet(),
            (await db.Employees.Where(e => e.IsActive).Select(e => e.Id).ToListAsync()).ToHashSet(),
            (await db.CalendarEntries.Select(c => c.EmployeeId).Distinct().ToListAsync()).ToHashSet(),
            (await db.BreakOffers.Where(o => o.Status == OfferStatus.Planned).Select(o => o.EmployeeId).Distinct().ToListAsync()).ToHashSet());
    }

    private static async Task<DateTimeOffset> FirstPlannedBreakAsync(ApiHost host, Func<Guid, bool> whose)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var planned = await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Planned).ToListAsync();
        return planned.Where(o => whose(o.EmployeeId)).Min(o => o.Start);
    }

    [Fact]
    public async Task With_a_department_group_in_scope_only_its_members_are_synced_and_offered_breaks()
    {
        await using var host = await StartAsync(kind);
        var engineering = host.Simulator.Tenant.Group("Engineering");
        await PutGroupsInScopeAsync(host, engineering.Id);

        await host.SyncEverythingAsync();

        var members = engineering.MemberIds.ToHashSet();
        var after = await SnapshotAsync(host);
        Assert.True(members.SetEquals(after.Active), $"{after.Active.Count} active, {members.Count} in the group");
        Assert.True(after.People.SetEquals(members), "people outside the scope are not stored");
        Assert.NotEmpty(after.WithCalendar);
        Assert.Subset(members, after.WithCalendar);
        Assert.NotEmpty(after.WithPlannedBreaks);
        Assert.Subset(members, after.WithPlannedBreaks);
        // One paged request for the group; mailbox settings of its members only.
        Assert.Equal(1, host.Simulator.RequestCount("transitiveMembers"));
        Assert.Equal(members.Count, host.Simulator.RequestCount("mailboxSettings"));
    }

    [Fact]
    public async Task Narrowing_the_scope_deactivates_the_rest_and_withdraws_their_planned_breaks_and_empty_means_everyone()
    {
        await using var host = await StartAsync(kind);
        var everyone = host.Simulator.Tenant.Users.Select(u => u.Id).ToHashSet();
        await host.SyncEverythingAsync();
        Assert.True(everyone.SetEquals((await SnapshotAsync(host)).Active), "an empty scope means everyone");
        Assert.Equal(0, host.Simulator.RequestCount("transitiveMembers"));

        var pilot = host.Simulator.Tenant.Group("Pilot");
        var outsiderBreak = await FirstPlannedBreakAsync(host, id => !pilot.MemberIds.Contains(id));
        await SetGroupsInScopeInDatabaseAsync(host, pilot.Id);
        await host.SyncEverythingAsync();
        var narrowed = await SnapshotAsync(host);
        Assert.True(pilot.MemberIds.ToHashSet().SetEquals(narrowed.Active));
        Assert.True(everyone.SetEquals(narrowed.People), "people who leave the scope stay, inactive");
        Assert.Subset(pilot.MemberIds.ToHashSet(), narrowed.WithPlannedBreaks);
        Assert.NotEmpty(narrowed.WithPlannedBreaks);
        // At the moment of an outsider's withdrawn break, nothing is sent to them.
        host.Clock.Set(outsiderBreak);
        await host.DeliverDueAsync();
        Assert.DoesNotContain(host.Simulator.SentNotifications, n => !pilot.MemberIds.Contains(n.UserId));
        host.Clock.Reset();

        await PutGroupsInScopeAsync(host);
        await host.SyncEverythingAsync();
        Assert.True(everyone.SetEquals((await SnapshotAsync(host)).Active), "emptying the scope brings everyone back");
    }

    [Fact]
    public async Task An_unknown_group_is_skipped_without_failing_the_sync()
    {
        await using var host = await StartAsync(kind);
        var sales = host.Simulator.Tenant.Group("Sales");
        var unknown = Guid.NewGuid();
        await PutGroupsInScopeAsync(host, unknown, sales.Id);

        await host.SyncEverythingAsync();

        var after = await SnapshotAsync(host);
        Assert.True(sales.MemberIds.ToHashSet().SetEquals(after.Active));
        Assert.Subset(sales.MemberIds.ToHashSet(), after.WithCalendar);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning ") && l.Contains(unknown.ToString()) && l.Contains("no longer exists"));
        Assert.Equal(2, host.Simulator.RequestCount("transitiveMembers"));
    }

    [Fact]
    public async Task When_no_group_in_scope_exists_nobody_is_added_and_nobody_deactivated()
    {
        await using var host = await StartAsync(kind);
        await SetGroupsInScopeInDatabaseAsync(host, Guid.NewGuid(), Guid.NewGuid());
        await host.SyncEverythingAsync();
        Assert.Empty((await SnapshotAsync(host)).People);
        Assert.Equal(0, host.Simulator.RequestCount("users"));

        await SetGroupsInScopeInDatabaseAsync(host);
        await host.SyncEverythingAsync();
        var everyone = (await SnapshotAsync(host)).Active;
        Assert.Equal(host.Simulator.Tenant.Users.Count, everyone.Count);

        await SetGroupsInScopeInDatabaseAsync(host, Guid.NewGuid());
        await host.SyncEverythingAsync();
        Assert.True(everyone.SetEquals((await SnapshotAsync(host)).Active), "a stale scope leaves people as they are");
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning ") && l.Contains("None of the 1 groups in scope"));
    }
}

public sealed class SqliteGroupScopeTests() : GroupScopeTests(DatabaseKind.Sqlite);
public sealed class PostgresGroupScopeTests() : GroupScopeTests(DatabaseKind.Postgres);
