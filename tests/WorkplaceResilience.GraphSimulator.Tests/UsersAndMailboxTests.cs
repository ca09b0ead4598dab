using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class UsersAndMailboxTests(SimulatorFixture fixture)
{
    [Fact]
    public async Task Users_page_through_every_person_with_the_sdk_page_iterator()
    {
        var first = await fixture.Client.Users.GetAsync(rc =>
        {
            rc.QueryParameters.Top = 70;
            rc.QueryParameters.Select = ["id", "displayName", "userPrincipalName", "mail", "department", "officeLocation", "country", "jobTitle", "accountEnabled"];
        });
        Assert.NotNull(first?.OdataNextLink);
        Assert.StartsWith(fixture.Server.GraphBaseUrl.ToString(), first.OdataNextLink);
        Assert.Contains("$skiptoken=", first.OdataNextLink);

        var users = new List<User>();
        var pages = 0;
        var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(fixture.Client, first, u =>
        {
            users.Add(u);
            return true;
        }, req =>
        {
            pages++;
            return req;
        });
        await iterator.IterateAsync();

        Assert.Equal(fixture.Server.Tenant.Users.Count, users.Count);
        Assert.Equal(300 / 70, pages);
        Assert.Equal(fixture.Server.Tenant.Users.Select(u => u.Id.ToString()), users.Select(u => u.Id));
        Assert.All(users, u =>
        {
            Assert.False(string.IsNullOrEmpty(u.Department));
            Assert.False(string.IsNullOrEmpty(u.Country));
            Assert.True(u.AccountEnabled);
            Assert.Equal(u.UserPrincipalName, u.Mail);
        });
    }

    [Fact]
    public async Task Users_default_properties_follow_graph_and_select_narrows()
    {
        var page = await fixture.Client.Users.GetAsync();
        Assert.Equal(100, page!.Value!.Count);
        Assert.Null(page.Value[0].Department); // like Graph: department needs $select
        Assert.NotNull(page.Value[0].DisplayName);

        var narrow = await fixture.Client.Users.GetAsync(rc => rc.QueryParameters.Select = ["id", "department"]);
        Assert.Null(narrow!.Value![0].DisplayName);
        Assert.NotNull(narrow.Value[0].Department);
    }

    [Fact]
    public async Task User_by_id_and_unknown_user()
    {
        var expected = fixture.User(0);
        var user = await fixture.Client.Users[expected.Id.ToString()].GetAsync();
        Assert.Equal(expected.DisplayName, user!.DisplayName);
        var byUpn = await fixture.Client.Users[expected.UserPrincipalName].GetAsync();
        Assert.Equal(expected.Id.ToString(), byUpn!.Id);

        var error = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Users[Guid.NewGuid().ToString()].GetAsync());
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("Request_ResourceNotFound", error.Error!.Code);
    }

    [Fact]
    public async Task Mailbox_settings_carry_time_zone_and_working_hours()
    {
        foreach (var demoUser in fixture.Server.Tenant.Users.Take(8))
        {
            var settings = await fixture.Client.Users[demoUser.Id.ToString()].MailboxSettings.GetAsync();
            Assert.Equal(demoUser.TimeZone, settings!.TimeZone);
            var hours = settings.WorkingHours!;
            Assert.Equal(demoUser.TimeZone, hours.TimeZone!.Name);
            Assert.NotEmpty(hours.DaysOfWeek!);
            Assert.True(hours.StartTime!.Value.Hour < hours.EndTime!.Value.Hour);
            Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone!, out _));
        }

        var error = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Users[Guid.NewGuid().ToString()].MailboxSettings.GetAsync());
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("ErrorItemNotFound", error.Error!.Code);
    }

    [Fact]
    public async Task Mailbox_settings_raw_payload_uses_graph_formats()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var user = fixture.User(1);
        var json = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/users/{user.Id}/mailboxSettings/workingHours");
        Assert.Matches(@"^\d\d:\d\d:00\.0000000$", json.GetProperty("startTime").GetString());
        Assert.All(json.GetProperty("daysOfWeek").EnumerateArray(), d => Assert.Matches("^[a-z]+day$", d.GetString()));
        Assert.Equal(user.TimeZone, json.GetProperty("timeZone").GetProperty("name").GetString());
    }
}
