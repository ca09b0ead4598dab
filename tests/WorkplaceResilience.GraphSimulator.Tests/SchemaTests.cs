using System.Text.Json;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

/// <summary>Every property the simulator sends exists on the matching type of Graph's v1.0 CSDL; enums use its members.</summary>
[Collection("simulator")]
public sealed class SchemaTests(SimulatorFixture fixture)
{
    private static void AssertShape(JsonElement item, string type, string where)
    {
        var allowed = Csdl.Instance.Properties(type);
        foreach (var property in item.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
        {
            Assert.True(allowed.Contains(property.Name), $"{where}: '{property.Name}' is not a property of microsoft.graph.{type}");
        }
    }

    private static void AssertMember(JsonElement value, string enumName, string where) =>
        Assert.True(Csdl.Instance.EnumMembers(enumName).Contains(value.GetString()!), $"{where}: '{value}' is not a member of microsoft.graph.{enumName}");

    [Fact]
    public async Task Event_payloads_match_the_csdl()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var seen = 0;
        foreach (var user in fixture.Server.Tenant.Users.Take(12))
        {
            var page = await http.GetJsonAsync(
                $"{fixture.Server.GraphBaseUrl}/users/{user.Id}/calendarView?startDateTime=2026-11-11T00:00:00Z&endDateTime=2026-12-02T00:00:00Z&$top=1000");
            foreach (var e in page.GetProperty("value").EnumerateArray())
            {
                seen++;
                AssertShape(e, "event", "event");
                AssertShape(e.GetProperty("start"), "dateTimeTimeZone", "event.start");
                AssertShape(e.GetProperty("end"), "dateTimeTimeZone", "event.end");
                AssertShape(e.GetProperty("body"), "itemBody", "event.body");
                AssertShape(e.GetProperty("responseStatus"), "responseStatus", "event.responseStatus");
                AssertShape(e.GetProperty("location"), "location", "event.location");
                AssertShape(e.GetProperty("organizer"), "recipient", "event.organizer");
                AssertShape(e.GetProperty("organizer").GetProperty("emailAddress"), "emailAddress", "event.organizer.emailAddress");
                AssertMember(e.GetProperty("showAs"), "freeBusyStatus", "event.showAs");
                AssertMember(e.GetProperty("type"), "eventType", "event.type");
                AssertMember(e.GetProperty("sensitivity"), "sensitivity", "event.sensitivity");
                AssertMember(e.GetProperty("importance"), "importance", "event.importance");
                AssertMember(e.GetProperty("responseStatus").GetProperty("response"), "responseType", "event.responseStatus.response");
                AssertMember(e.GetProperty("onlineMeetingProvider"), "onlineMeetingProviderType", "event.onlineMeetingProvider");
                AssertMember(e.GetProperty("body").GetProperty("contentType"), "bodyType", "event.body.contentType");
                foreach (var attendee in e.GetProperty("attendees").EnumerateArray())
                {
                    AssertShape(attendee, "attendee", "event.attendees[]");
                    AssertShape(attendee.GetProperty("status"), "responseStatus", "event.attendees[].status");
                    AssertMember(attendee.GetProperty("type"), "attendeeType", "event.attendees[].type");
                    AssertMember(attendee.GetProperty("status").GetProperty("response"), "responseType", "event.attendees[].status.response");
                }

                Assert.Contains(SimulatorFixture.Marker, e.GetProperty("subject").GetString());
                Assert.Contains(SimulatorFixture.Marker, e.GetProperty("body").GetProperty("content").GetString());
            }
        }

        Assert.True(seen > 500, $"only {seen} events checked");
    }

    [Fact]
    public async Task User_mailbox_settings_and_presence_payloads_match_the_csdl()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var user = fixture.User(5);
        var users = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/users?$select=id,displayName,userPrincipalName,mail,department,officeLocation,country,jobTitle,accountEnabled,usageLocation");
        foreach (var u in users.GetProperty("value").EnumerateArray())
        {
            AssertShape(u, "user", "user");
        }

        AssertShape(await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/users/{user.Id}"), "user", "user (default)");
        var settings = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/users/{user.Id}/mailboxSettings");
        AssertShape(settings, "mailboxSettings", "mailboxSettings");
        AssertShape(settings.GetProperty("workingHours"), "workingHours", "mailboxSettings.workingHours");
        AssertShape(settings.GetProperty("workingHours").GetProperty("timeZone"), "timeZoneBase", "workingHours.timeZone");
        AssertShape(settings.GetProperty("automaticRepliesSetting"), "automaticRepliesSetting", "mailboxSettings.automaticRepliesSetting");
        AssertShape(settings.GetProperty("language"), "localeInfo", "mailboxSettings.language");
        foreach (var day in settings.GetProperty("workingHours").GetProperty("daysOfWeek").EnumerateArray())
        {
            AssertMember(day, "dayOfWeek", "workingHours.daysOfWeek");
        }

        var presence = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/users/{user.Id}/presence");
        AssertShape(presence, "presence", "presence");
    }

    [Fact]
    public async Task Group_and_transitive_member_payloads_match_the_csdl()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var allStaff = fixture.Server.Tenant.Group("All staff");
        AssertShape(await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}"), "group", "group");
        var members = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers?$top=999");
        foreach (var item in members.GetProperty("value").EnumerateArray())
        {
            var type = item.GetProperty("@odata.type").GetString()!["#microsoft.graph.".Length..];
            AssertShape(item, type, $"transitiveMembers ({type})");
        }

        var users = await http.GetJsonAsync($"{fixture.Server.GraphBaseUrl}/groups/{allStaff.Id}/transitiveMembers/microsoft.graph.user?$select=id,department");
        foreach (var user in users.GetProperty("value").EnumerateArray())
        {
            AssertShape(user, "user", "transitiveMembers/microsoft.graph.user");
        }
    }

    [Fact]
    public void The_csdl_is_found_from_the_test_binaries() => Assert.True(File.Exists(Csdl.Find()));
}
