using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class CalendarViewTests(SimulatorFixture fixture)
{
    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Calendar_view_pages_with_maxpagesize_and_renders_in_the_preferred_zone()
    {
        var user = fixture.User(2);
        var start = SimulatorFixture.Now.AddDays(-7);
        var end = SimulatorFixture.Now.AddDays(14);
        const string prefer = "outlook.timezone=\"Pacific Standard Time\", odata.maxpagesize=7";
        var first = await fixture.Client.Users[user.Id.ToString()].CalendarView.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = Iso(start);
            rc.QueryParameters.EndDateTime = Iso(end);
            rc.Headers.Add("Prefer", prefer);
        });
        Assert.Equal(7, first!.Value!.Count);
        Assert.StartsWith(fixture.Server.GraphBaseUrl.ToString(), first.OdataNextLink);

        var events = new List<Event>();
        var iterator = PageIterator<Event, EventCollectionResponse>.CreatePageIterator(fixture.Client, first, e =>
        {
            events.Add(e);
            return true;
        }, req =>
        {
            req.Headers.Add("Prefer", prefer);
            return req;
        });
        await iterator.IterateAsync();

        Assert.True(events.Count > 40, $"only {events.Count} events in three weeks");
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("Pacific Standard Time");
        DateTimeOffset Utc(DateTimeTimeZone value)
        {
            Assert.Equal("Pacific Standard Time", value.TimeZone);
            var local = DateTime.Parse(value.DateTime!, CultureInfo.InvariantCulture);
            return new DateTimeOffset(local, pacific.GetUtcOffset(local));
        }

        var timed = events.Where(e => e.IsAllDay != true).ToList();
        Assert.All(timed, e => Assert.True(Utc(e.Start!) < end && Utc(e.End!) > start, "event outside the window"));
        Assert.Equal(timed.Select(e => Utc(e.Start!)).Order(), timed.Select(e => Utc(e.Start!)));
        Assert.All(events, e => Assert.Contains(SimulatorFixture.Marker, e.Subject));
    }

    [Fact]
    public async Task Calendar_view_defaults_to_utc_and_pages_of_ten()
    {
        var user = fixture.User(3);
        var page = await fixture.Client.Users[user.Id.ToString()].CalendarView.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = Iso(SimulatorFixture.Now.AddDays(-7));
            rc.QueryParameters.EndDateTime = Iso(SimulatorFixture.Now.AddDays(14));
            rc.QueryParameters.Select = ["subject", "start", "end", "showAs"];
        });
        Assert.Equal(10, page!.Value!.Count);
        Assert.All(page.Value, e =>
        {
            Assert.Equal("UTC", e.Start!.TimeZone);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$", e.Start.DateTime);
            Assert.NotNull(e.ShowAs);
            Assert.Null(e.Organizer); // not selected
        });
        Assert.Contains("$select=", page.OdataNextLink);
    }

    [Fact]
    public async Task Calendar_view_without_a_window_is_a_bad_request_and_unknown_user_is_not_found()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        using var missing = await http.GetAsync($"{fixture.Server.GraphBaseUrl}/users/{fixture.User(0).Id}/calendarView");
        Assert.Equal(400, (int)missing.StatusCode);
        Assert.Contains("ErrorInvalidParameter", await missing.Content.ReadAsStringAsync());

        var error = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Users[Guid.NewGuid().ToString()].CalendarView.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = Iso(SimulatorFixture.Now);
            rc.QueryParameters.EndDateTime = Iso(SimulatorFixture.Now.AddDays(1));
        }));
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("ErrorItemNotFound", error.Error!.Code);
        Assert.False(string.IsNullOrEmpty(error.Error.InnerError?.RequestId));
    }

    [Fact]
    public async Task The_demo_calendars_hold_the_variety_a_planner_meets()
    {
        var events = new List<Event>();
        foreach (var user in fixture.Server.Tenant.Users.Take(20))
        {
            var page = await fixture.Client.Users[user.Id.ToString()].CalendarView.GetAsync(rc =>
            {
                rc.Headers.Add("Prefer", $"outlook.timezone=\"{user.TimeZone}\"");
                rc.QueryParameters.StartDateTime = Iso(SimulatorFixture.Now.AddDays(-8));
                rc.QueryParameters.EndDateTime = Iso(SimulatorFixture.Now.AddDays(15));
                rc.QueryParameters.Top = 1000;
                rc.QueryParameters.Select = ["start", "end", "type", "seriesMasterId", "isCancelled", "isAllDay", "showAs", "responseStatus", "attendees", "organizer"];
            });
            events.AddRange(page!.Value!);
        }

        Assert.Contains(events, e => e.Type == EventType.Occurrence && e.SeriesMasterId is not null);
        Assert.Contains(events, e => e.Type == EventType.Exception);
        Assert.Contains(events, e => e.IsCancelled == true);
        Assert.Contains(events, e => e.ResponseStatus!.Response == ResponseType.Declined);
        Assert.Contains(events, e => e.ResponseStatus!.Response == ResponseType.TentativelyAccepted && e.ShowAs == FreeBusyStatus.Tentative);
        Assert.Contains(events, e => e.IsAllDay == true && e.ShowAs == FreeBusyStatus.Oof);
        Assert.Contains(events, e => e.IsAllDay == true && e.ShowAs == FreeBusyStatus.Free);
        Assert.Contains(events, e => e.Attendees!.Count > 2 && e.Organizer?.EmailAddress?.Address is not null);
        Assert.Contains(events, e => e.IsAllDay != true && e.Start!.DateTime![..10] != e.End!.DateTime![..10]); // a late call past local midnight
        var minutes = events.Where(e => e.IsAllDay != true).Select(e =>
            (DateTime.Parse(e.End!.DateTime!, CultureInfo.InvariantCulture) - DateTime.Parse(e.Start!.DateTime!, CultureInfo.InvariantCulture)).TotalMinutes).ToHashSet();
        Assert.Contains(25.0, minutes);
        Assert.Contains(50.0, minutes);
    }
}
