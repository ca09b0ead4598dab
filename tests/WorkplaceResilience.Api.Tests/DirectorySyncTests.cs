using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The directory through <c>users/delta</c>: one full round, then only changes (managers as keyed hashes, removals), recovering from an expired token.</summary>
public sealed class DirectorySyncTests
{
    private sealed record Row(Guid Id, string Department, bool InDirectory, bool IsActive, string? ManagerKey);

    private static async Task<Dictionary<Guid, Row>> EmployeesAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        return await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Id, e => new Row(e.Id, e.Department, e.InDirectory, e.IsActive, e.ManagerKey));
    }

    private static Task SyncAsync(ApiHost host) =>
        host.Services.GetRequiredService<DirectorySyncJob>().SyncTenantAsync(host.TenantId, CancellationToken.None);

    [Fact]
    public async Task After_one_full_round_only_changes_are_read_and_applied()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), employees: 450);
        _ = host.Server;
        var keys = OrgKeys.For(host.Services.GetRequiredService<EventIdHasher>(), host.TenantId);
        var users = host.Simulator.Tenant.Users;

        await SyncAsync(host);
        var full = host.Simulator.RequestCount("users-delta");
        Assert.True(full >= 3, "450 people come in pages");
        Assert.Equal(0, host.Simulator.RequestCount("users"));
        var rows = await EmployeesAsync(host);
        Assert.Equal(450, rows.Count);
        Assert.All(users, u => Assert.Equal(u.ManagerId is { } m ? keys.Of(m) : null, rows[u.Id].ManagerKey));
        Assert.DoesNotContain(rows.Values, r => r.ManagerKey is not null && users.Any(u => r.ManagerKey.Contains(u.Id.ToString("N"), StringComparison.OrdinalIgnoreCase)));

        await SyncAsync(host);
        Assert.Equal(full + 1, host.Simulator.RequestCount("users-delta"));
        Assert.Equal(rows.Values.OrderBy(r => r.Id), (await EmployeesAsync(host)).Values.OrderBy(r => r.Id));

        var moved = users[100];
        host.Simulator.SetManager(moved.Id, users[1].Id);
        host.Simulator.SetDepartment(users[101].Id, "Finance");
        host.Simulator.DeleteUser(users[102].Id);
        host.Simulator.SetAccountEnabled(users[103].Id, false);
        host.Simulator.SetManager(users[104].Id, null);
        await SyncAsync(host);
        Assert.Equal(full + 2, host.Simulator.RequestCount("users-delta"));
        var after = await EmployeesAsync(host);
        Assert.Equal(keys.Of(users[1].Id), after[moved.Id].ManagerKey);
        Assert.Equal("Finance", after[users[101].Id].Department);
        Assert.Equal(rows[users[101].Id].ManagerKey, after[users[101].Id].ManagerKey);
        Assert.False(after[users[102].Id].IsActive);
        Assert.False(after[users[102].Id].InDirectory);
        Assert.False(after[users[103].Id].IsActive);
        Assert.Null(after[users[104].Id].ManagerKey);
        Assert.Equal(445, after.Values.Count(r => r.IsActive && rows[r.Id] == r));

        // No person id of a manager reaches the logs at Information level or above.
        string[] levels = ["Information", "Warning", "Error", "Critical"];
        Assert.DoesNotContain(host.Logs.Lines.Where(l => levels.Any(level => l.StartsWith(level, StringComparison.Ordinal))), line => line.Contains(users[1].Id.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_expired_delta_token_is_recovered_with_a_full_round()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), employees: 60);
        _ = host.Server;
        var users = host.Simulator.Tenant.Users;
        await SyncAsync(host);
        host.Simulator.ExpireDeltaTokens();
        host.Simulator.DeleteUser(users[10].Id);
        host.Simulator.SetManager(users[11].Id, users[2].Id);
        var before = host.Simulator.RequestCount("users-delta");
        await SyncAsync(host);
        Assert.Equal(before + 2, host.Simulator.RequestCount("users-delta")); // the refused round, then one full page
        var rows = await EmployeesAsync(host);
        Assert.False(rows[users[10].Id].IsActive);
        var keys = OrgKeys.For(host.Services.GetRequiredService<EventIdHasher>(), host.TenantId);
        Assert.Equal(keys.Of(users[2].Id), rows[users[11].Id].ManagerKey);
        Assert.Equal(59, rows.Values.Count(r => r.IsActive));
    }
}
