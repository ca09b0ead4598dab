using System.Net;
using System.Text.Json;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

/// <summary><c>users/delta</c>: a full first round, then only what changed (managers, departments, deletions); its payloads match the CSDL.</summary>
public sealed class UserDeltaTests : IAsyncLifetime
{
    private const string Select = "$select=id,department,officeLocation,country,usageLocation,accountEnabled,manager";
    private GraphSimulatorServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = 450 });
        http = await GraphClients.RawAsync(server);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    private async Task<(List<JsonElement> Users, string DeltaLink, int Pages)> RoundAsync(string url)
    {
        var users = new List<JsonElement>();
        for (var pages = 1; ; pages++)
        {
            var page = await http.GetJsonAsync(url);
            users.AddRange(page.GetProperty("value").EnumerateArray());
            if (page.TryGetProperty("@odata.deltaLink", out var delta)) return (users, delta.GetString()!, pages);
            url = page.GetProperty("@odata.nextLink").GetString()!;
        }
    }

    private static Guid? Manager(JsonElement user) =>
        user.TryGetProperty("manager@delta", out var managers) ? Guid.Parse(managers[0].GetProperty("id").GetString()!) : null;

    [Fact]
    public async Task First_round_lists_everyone_with_their_manager_and_later_rounds_only_the_changes()
    {
        var (everyone, link, pages) = await RoundAsync($"{server.GraphBaseUrl}/users/delta?{Select}");
        Assert.Equal(450, everyone.Count);
        Assert.True(pages > 1);
        var users = server.Tenant.Users;
        Assert.All(everyone, u => Assert.Equal(users.Single(x => x.Id == Guid.Parse(u.GetProperty("id").GetString()!)).ManagerId, Manager(u)));
        Assert.All(everyone, u => Assert.False(u.TryGetProperty("displayName", out _), "only the selected properties"));

        var (nothing, link2, _) = await RoundAsync(link);
        Assert.Empty(nothing);

        var moved = users[40];
        var newManager = users[1].Id;
        server.SetManager(moved.Id, newManager);
        server.SetDepartment(users[41].Id, "Finance");
        server.DeleteUser(users[42].Id);
        var orphan = users[43];
        server.SetManager(orphan.Id, null);
        var requestsBefore = server.RequestCount("users-delta");
        var (changes, _, _) = await RoundAsync(link2);
        Assert.Equal(1, server.RequestCount("users-delta") - requestsBefore);
        Assert.Equal(4, changes.Count);
        Assert.Equal(newManager, Manager(changes.Single(u => u.GetProperty("id").GetString() == moved.Id.ToString())));
        var department = changes.Single(u => u.GetProperty("id").GetString() == users[41].Id.ToString());
        Assert.Equal("Finance", department.GetProperty("department").GetString());
        Assert.False(department.TryGetProperty("manager@delta", out _), "the manager did not change");
        var deleted = changes.Single(u => u.GetProperty("id").GetString() == users[42].Id.ToString());
        Assert.Equal("changed", deleted.GetProperty("@removed").GetProperty("reason").GetString());
        var removedManager = changes.Single(u => u.GetProperty("id").GetString() == orphan.Id.ToString()).GetProperty("manager@delta")[0];
        Assert.Equal(orphan.ManagerId.ToString(), removedManager.GetProperty("id").GetString());
        Assert.True(removedManager.TryGetProperty("@removed", out _));

        foreach (var user in everyone.Concat(changes))
            foreach (var property in user.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
                Assert.Contains(property.Name.Replace("@delta", "", StringComparison.Ordinal), Csdl.Instance.Properties("user"));
    }

    [Fact]
    public async Task An_expired_token_is_answered_with_sync_state_not_found()
    {
        var (_, link, _) = await RoundAsync($"{server.GraphBaseUrl}/users/delta?{Select}");
        server.ExpireDeltaTokens();
        using var response = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("syncStateNotFound", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_org_tree_runs_from_one_chief_executive_through_vice_presidents_directors_and_managers()
    {
        var users = server.Tenant.Users;
        var byId = users.ToDictionary(u => u.Id);
        int Depth(DemoUser user) => user.ManagerId is { } m ? 1 + Depth(byId[m]) : 0;
        Assert.Single(users, u => u.ManagerId is null);
        var depths = users.GroupBy(Depth).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, depths[1]);
        Assert.InRange(depths[2], 8, 20);
        Assert.True(depths[4] > depths[3] * 5, "most people are individual contributors under a manager");
        Assert.Equal(5, depths.Count);
        Assert.All(users.Where(u => u.ManagerId is not null && Depth(u) > 1), u => Assert.Equal(byId[u.ManagerId!.Value].Department, u.Department));
    }
}
