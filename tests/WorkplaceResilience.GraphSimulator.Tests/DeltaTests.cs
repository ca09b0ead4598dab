using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CalendarView.Delta;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class DeltaTests(SimulatorFixture fixture)
{
    private static readonly DateTimeOffset WindowStart = SimulatorFixture.Now.Date.AddDays(-1);
    private static readonly DateTimeOffset WindowEnd = SimulatorFixture.Now.Date.AddDays(3);

    private GraphServiceClient Client => fixture.Client;

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Follows nextLinks to the deltaLink, as a sync job would.</summary>
    private async Task<(List<Event> Events, string DeltaLink, int Pages)> SyncAsync(string userId, string? deltaLink, int pageSize = 4)
    {
        var builder = Client.Users[userId].CalendarView.Delta;
        var response = deltaLink is null
            ? await builder.GetAsDeltaGetResponseAsync(rc =>
            {
                rc.QueryParameters.StartDateTime = Iso(WindowStart);
                rc.QueryParameters.EndDateTime = Iso(WindowEnd);
                rc.Headers.Add("Prefer", $"odata.maxpagesize={pageSize}");
            })
            : await builder.WithUrl(deltaLink).GetAsDeltaGetResponseAsync(rc => rc.Headers.Add("Prefer", $"odata.maxpagesize={pageSize}"));
        var events = new List<Event>();
        var pages = 1;
        while (true)
        {
            events.AddRange(response!.Value!);
            Assert.True(response.Value!.Count <= pageSize);
            if (response.OdataDeltaLink is { } link)
            {
                Assert.Null(response.OdataNextLink);
                Assert.StartsWith(fixture.Server.GraphBaseUrl.ToString(), link);
                return (events, link, pages);
            }

            Assert.StartsWith(fixture.Server.GraphBaseUrl.ToString(), response.OdataNextLink);
            response = await builder.WithUrl(response.OdataNextLink!).GetAsDeltaGetResponseAsync(rc => rc.Headers.Add("Prefer", $"odata.maxpagesize={pageSize}"));
            pages++;
        }
    }

    [Fact]
    public async Task Initial_sync_pages_then_a_round_returns_only_changes_with_removed()
    {
        var user = fixture.User(10);
        var id = user.Id.ToString();
        var (initial, deltaLink, pages) = await SyncAsync(id, null);
        Assert.True(pages > 1, "the initial sync should need several pages at maxpagesize=4");
        Assert.Equal(initial.Count, initial.Select(e => e.Id).Distinct().Count());
        Assert.All(initial, e => Assert.False(e.AdditionalData.ContainsKey("@removed")));

        var (quiet, deltaLink2, _) = await SyncAsync(id, deltaLink);
        Assert.Empty(quiet);

        var timed = initial.Where(e => e.IsAllDay != true && e.IsCancelled != true).ToList();
        var toMove = timed[0].Id!;
        var toCancel = timed[1].Id!;
        var toDelete = timed[2].Id!;
        var toMoveOut = timed[3].Id!;
        var added = fixture.Server.AddEvent(user.Id, SimulatorFixture.Now.AddHours(2), SimulatorFixture.Now.AddHours(2.5), "Ad-hoc sync", "busy");
        fixture.Server.MoveEvent(user.Id, toMove, SimulatorFixture.Now.AddHours(5), SimulatorFixture.Now.AddHours(5.5));
        fixture.Server.CancelEvent(user.Id, toCancel);
        fixture.Server.DeleteEvent(user.Id, toDelete);
        fixture.Server.MoveEvent(user.Id, toMoveOut, WindowEnd.AddDays(5), WindowEnd.AddDays(5).AddHours(1));
        fixture.Server.AddEvent(user.Id, WindowEnd.AddDays(6), WindowEnd.AddDays(6).AddHours(1), "Outside the window");

        var (changes, deltaLink3, _) = await SyncAsync(id, deltaLink2, pageSize: 2);
        Assert.Equal(5, changes.Count);
        var byId = changes.ToDictionary(e => e.Id!);
        Assert.Contains(SimulatorFixture.Marker, byId[added].Subject);
        Assert.Equal(SimulatorFixture.Now.AddHours(5).UtcDateTime, DateTime.Parse(byId[toMove].Start!.DateTime!, CultureInfo.InvariantCulture));
        Assert.True(byId[toCancel].IsCancelled);
        Assert.Equal("deleted", Removed(byId[toDelete]));
        Assert.Equal("deleted", Removed(byId[toMoveOut]));

        var (after, _, _) = await SyncAsync(id, deltaLink3);
        Assert.Empty(after);
    }

    private static string? Removed(Event e) =>
        e.AdditionalData.TryGetValue("@removed", out var removed) && removed is Microsoft.Kiota.Abstractions.Serialization.UntypedObject obj
            && obj.GetValue().TryGetValue("reason", out var reason) && reason is Microsoft.Kiota.Abstractions.Serialization.UntypedString s
            ? s.GetValue()
            : null;

    [Fact]
    public async Task Unknown_or_tampered_tokens_get_410_sync_state_not_found()
    {
        var id = fixture.User(11).Id.ToString();
        var (_, deltaLink, _) = await SyncAsync(id, null, pageSize: 50);
        var tampered = deltaLink[..^4] + (deltaLink.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var error = await Assert.ThrowsAsync<ODataError>(() => Client.Users[id].CalendarView.Delta.WithUrl(tampered).GetAsDeltaGetResponseAsync());
        Assert.Equal(410, error.ResponseStatusCode);
        Assert.Equal("syncStateNotFound", error.Error!.Code);

        var otherUser = fixture.User(12).Id.ToString();
        var wrongUser = deltaLink.Replace(id, otherUser, StringComparison.Ordinal);
        error = await Assert.ThrowsAsync<ODataError>(() => Client.Users[otherUser].CalendarView.Delta.WithUrl(wrongUser).GetAsDeltaGetResponseAsync());
        Assert.Equal(410, error.ResponseStatusCode);
    }

    [Fact]
    public async Task Select_is_refused_on_delta()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => Client.Users[fixture.User(13).Id.ToString()].CalendarView.Delta.GetAsDeltaGetResponseAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = Iso(WindowStart);
            rc.QueryParameters.EndDateTime = Iso(WindowEnd);
            rc.QueryParameters.Select = ["subject"];
        }));
        Assert.Equal(400, error.ResponseStatusCode);
    }
}
