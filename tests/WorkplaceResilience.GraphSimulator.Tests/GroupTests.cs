using System.Net;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class GroupTests(SimulatorFixture fixture)
{
    private DemoTenant Tenant => fixture.Server.Tenant;

    private async Task<List<string>> TransitiveUsersAsync(Guid groupId, int top, Action<int>? pages = null)
    {
        var first = await fixture.Client.Groups[groupId.ToString()].TransitiveMembers.GraphUser.GetAsync(rc =>
        {
            rc.QueryParameters.Select = ["id"];
            rc.QueryParameters.Top = top;
        });
        var ids = new List<string>();
        var followed = 0;
        var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(fixture.Client, first!, u =>
        {
            ids.Add(u.Id!);
            return true;
        }, req =>
        {
            followed++;
            return req;
        });
        await iterator.IterateAsync();
        pages?.Invoke(followed);
        return ids;
    }

    [Fact]
    public void The_tenant_has_all_staff_a_group_per_department_and_a_small_pilot()
    {
        var allStaff = Tenant.Group("All staff");
        Assert.Equal(Tenant.Users.Select(u => u.Id).Order(), allStaff.MemberIds.Order());
        foreach (var department in Tenant.Users.Select(u => u.Department).Distinct())
        {
            var group = Tenant.Groups.Single(g => g.Department == department);
            Assert.Equal(department, group.DisplayName);
            Assert.Equal(Tenant.Users.Where(u => u.Department == department).Select(u => u.Id), group.MemberIds);
            Assert.Contains(group.Id, allStaff.NestedGroupIds);
        }

        Assert.InRange(Tenant.Group("Pilot").MemberIds.Count, 5, 20);
        Assert.Equal(Tenant.Groups.Count, Tenant.Groups.Select(g => g.Id).Distinct().Count());
    }

    [Fact]
    public async Task Group_ids_depend_on_the_seed_alone()
    {
        var clock = new FixedClock(SimulatorFixture.Now);
        await using var small = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = 20, Clock = clock });
        await using var other = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = 20, Seed = 7, Clock = clock });
        Assert.Equal(Tenant.Groups.Select(g => g.Id), small.Tenant.Groups.Select(g => g.Id));
        Assert.Empty(Tenant.Groups.Select(g => g.Id).Intersect(other.Tenant.Groups.Select(g => g.Id)));
        // Groups do not disturb the people the seed draws (the org tree, drawn from the people, depends on the head count).
        Assert.Equal(Tenant.Users.Take(20).Select(u => u with { ManagerId = null }), small.Tenant.Users.Select(u => u with { ManagerId = null }));
    }

    [Fact]
    public async Task Transitive_user_members_come_through_the_sdk_including_nested_groups()
    {
        var engineering = Tenant.Group("Engineering");
        Assert.Equal(engineering.MemberIds.Select(id => id.ToString()), await TransitiveUsersAsync(engineering.Id, 999));

        var allStaff = Tenant.Group("All staff");
        Assert.Empty(allStaff.MemberIds.Intersect(Tenant.Groups.Select(g => g.Id)));
        Assert.Equal(allStaff.MemberIds.Select(id => id.ToString()), await TransitiveUsersAsync(allStaff.Id, 999));
    }

    [Fact]
    public async Task Members_page_with_next_links_on_the_simulator_host()
    {
        var allStaff = Tenant.Group("All staff");
        var pages = 0;
        var ids = await TransitiveUsersAsync(allStaff.Id, 70, n => pages = n);
        Assert.Equal(300, ids.Count);
        Assert.Equal(300 / 70, pages);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        using var http = await GraphClients.RawAsync(fixture.Server);
        var first = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers/microsoft.graph.user?$select=id&$top=100");
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        Assert.StartsWith($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers/microsoft.graph.user?", next);
        Assert.Contains("$skiptoken=", next);
        Assert.EndsWith("#users(id)", first.GetProperty("@odata.context").GetString());
        Assert.All(first.GetProperty("value").EnumerateArray(), u => Assert.Equal(["id"], u.EnumerateObject().Select(p => p.Name)));

        // The default page is 100; $top runs to 999.
        var whole = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers/microsoft.graph.user");
        Assert.Equal(100, whole.GetProperty("value").GetArrayLength());
        using var tooMany = await http.GetAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers/microsoft.graph.user?$top=1000");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task Uncast_transitive_members_are_directory_objects_with_their_type()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var allStaff = Tenant.Group("All staff");
        var page = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers?$select=id&$top=999");
        var items = page.GetProperty("value").EnumerateArray().ToList();
        Assert.EndsWith("#directoryObjects(id)", page.GetProperty("@odata.context").GetString());
        Assert.Equal(allStaff.NestedGroupIds.Count + allStaff.MemberIds.Count, items.Count);
        Assert.Equal(allStaff.MemberIds.Count, items.Count(i => i.GetProperty("@odata.type").GetString() == "#microsoft.graph.user"));
        Assert.Equal(allStaff.NestedGroupIds.Count, items.Count(i => i.GetProperty("@odata.type").GetString() == "#microsoft.graph.group"));

        var members = await fixture.Client.Groups[allStaff.Id.ToString()].TransitiveMembers.GetAsync(rc => rc.QueryParameters.Top = 999);
        Assert.Equal(allStaff.MemberIds.Count, members!.Value!.OfType<User>().Count());
        Assert.Equal(allStaff.NestedGroupIds.Select(id => id.ToString()), members.Value!.OfType<Group>().Select(g => g.Id));
    }

    [Fact]
    public async Task An_unknown_group_is_a_404_in_graphs_error_shape()
    {
        var unknown = Guid.NewGuid().ToString();
        var error = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Groups[unknown].TransitiveMembers.GraphUser.GetAsync());
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", error.Error!.Code);
        Assert.Contains(unknown, error.Error.Message);

        using var http = await GraphClients.RawAsync(fixture.Server);
        using var response = await http.GetAsync($"{fixture.Server.GraphBaseUrl}/groups/{unknown}/transitiveMembers/microsoft.graph.user?$select=id");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var inner = body.GetProperty("error").GetProperty("innerError");
        Assert.True(inner.TryGetProperty("request-id", out _));
        Assert.True(inner.TryGetProperty("date", out _));

        using var malformed = await http.GetAsync($"{fixture.Server.GraphBaseUrl}/groups/not-a-guid/transitiveMembers");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_skiptoken_of_another_group_is_refused()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var allStaff = Tenant.Group("All staff");
        var first = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers/microsoft.graph.user?$top=10");
        var token = new Uri(first.GetProperty("@odata.nextLink").GetString()!).Query.Split("$skiptoken=")[1];
        using var response = await http.GetAsync($"{fixture.Server.GraphBaseUrl}/groups/{Tenant.Group("Sales").Id}/transitiveMembers/microsoft.graph.user?$top=10&$skiptoken={token}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
