using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class BatchTests(SimulatorFixture fixture)
{
    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private RequestInformation CalendarView(DemoUser user) =>
        fixture.Client.Users[user.Id.ToString()].CalendarView.ToGetRequestInformation(rc =>
        {
            rc.QueryParameters.StartDateTime = Iso(SimulatorFixture.Now.Date);
            rc.QueryParameters.EndDateTime = Iso(SimulatorFixture.Now.Date.AddDays(1));
            rc.QueryParameters.Top = 100;
        });

    [Fact]
    public async Task Batch_of_twenty_calendar_views_for_twenty_people()
    {
        var before = fixture.Server.RequestCount("calendarView");
        var batches = fixture.Server.RequestCount("batch");
        var users = fixture.Server.Tenant.Users.Skip(20).Take(20).ToList();
        var batch = new BatchRequestContentCollection(fixture.Client);
        var steps = new Dictionary<string, DemoUser>();
        foreach (var user in users)
        {
            steps[await batch.AddBatchRequestStepAsync(CalendarView(user))] = user;
        }

        var response = await fixture.Client.Batch.PostAsync(batch);
        var statuses = await response.GetResponsesStatusCodesAsync();
        Assert.Equal(20, statuses.Count);
        Assert.All(statuses.Values, s => Assert.Equal(HttpStatusCode.OK, s));
        foreach (var (stepId, _) in steps)
        {
            var page = await response.GetResponseByIdAsync<EventCollectionResponse>(stepId);
            Assert.NotEmpty(page.Value!);
        }

        Assert.Equal(before + 20, fixture.Server.RequestCount("calendarView"));
        Assert.Equal(batches + 1, fixture.Server.RequestCount("batch"));
    }

    [Fact]
    public async Task Five_requests_to_one_mailbox_in_a_batch_get_an_inner_429_inside_an_outer_200()
    {
        var user = fixture.User(30);
        var batch = new BatchRequestContentCollection(fixture.Client);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await batch.AddBatchRequestStepAsync(CalendarView(user)));
        }

        var response = await fixture.Client.Batch.PostAsync(batch);
        var statuses = await response.GetResponsesStatusCodesAsync();
        Assert.Equal(4, statuses.Values.Count(s => s == HttpStatusCode.OK));
        var throttled = Assert.Single(statuses, s => s.Value == HttpStatusCode.TooManyRequests);
        Assert.Equal(ids[4], throttled.Key);
        using var inner = await response.GetResponseByIdAsync(throttled.Key);
        Assert.Equal("1", inner.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? inner.Headers.GetValues("Retry-After").Single());
        Assert.Contains("ApplicationThrottled", await inner.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task More_than_twenty_requests_is_a_bad_request()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var requests = new JsonArray(Enumerable.Range(1, 21).Select(i => (JsonNode?)new JsonObject
        {
            ["id"] = i.ToString(CultureInfo.InvariantCulture),
            ["method"] = "GET",
            ["url"] = $"/users/{fixture.User(i).Id}/mailboxSettings",
        }).ToArray());
        using var response = await http.PostAsJsonAsync($"{fixture.Server.GraphBaseUrl}/$batch", new JsonObject { ["requests"] = requests });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("BadRequest", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Batch_carries_post_bodies_and_links_stay_on_the_simulator_host()
    {
        using var http = await GraphClients.RawAsync(fixture.Server);
        var user = fixture.User(31);
        var payload = new JsonObject
        {
            ["requests"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "p",
                    ["method"] = "POST",
                    ["url"] = "/communications/getPresencesByUserId",
                    ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                    ["body"] = new JsonObject { ["ids"] = new JsonArray(user.Id.ToString()) },
                },
                new JsonObject { ["id"] = "u", ["method"] = "GET", ["url"] = "/users?$top=5" }),
        };
        using var response = await http.PostAsJsonAsync($"{fixture.Server.GraphBaseUrl}/$batch", payload);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!["responses"]!.AsArray();
        var presence = body.Single(r => r!["id"]!.GetValue<string>() == "p")!;
        Assert.Equal(200, presence["status"]!.GetValue<int>());
        Assert.Equal(user.Id.ToString(), presence["body"]!["value"]![0]!["id"]!.GetValue<string>());
        var users = body.Single(r => r!["id"]!.GetValue<string>() == "u")!;
        Assert.StartsWith(fixture.Server.GraphBaseUrl.ToString(), users["body"]!["@odata.nextLink"]!.GetValue<string>());
    }
}
