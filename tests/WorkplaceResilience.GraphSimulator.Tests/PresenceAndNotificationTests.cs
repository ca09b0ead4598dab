using System.Net.Http.Json;
using Microsoft.Graph;
using Microsoft.Graph.Communications.GetPresencesByUserId;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Teamwork.SendActivityNotificationToRecipients;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

[Collection("simulator")]
public sealed class PresenceTests(SimulatorFixture fixture)
{
    [Fact]
    public async Task Presence_follows_the_calendar_at_the_simulated_now()
    {
        var user = fixture.User(40);
        var now = SimulatorFixture.Now;
        var eventId = fixture.Server.AddEvent(user.Id, now.AddMinutes(-10), now.AddMinutes(20), "Customer escalation");
        var others = fixture.Server.Tenant.Users.Skip(41).Take(60).Select(u => u.Id.ToString()).ToList();
        var response = await fixture.Client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
            new GetPresencesByUserIdPostRequestBody { Ids = [user.Id.ToString(), .. others] });
        var value = response!.Value!;
        Assert.Equal(61, value.Count);
        Assert.Equal(("Busy", "InAMeeting"), (value[0].Availability, value[0].Activity));
        Assert.All(value, p => Assert.Contains(p.Availability, new[] { "Available", "Away", "Busy", "DoNotDisturb", "Offline" }));
        Assert.Contains(value, p => p.Availability == "Available");
        Assert.Contains(value, p => p.Availability == "Away"); // outside working hours somewhere in the world

        var again = await fixture.Client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
            new GetPresencesByUserIdPostRequestBody { Ids = others });
        Assert.Equal(value.Skip(1).Select(p => p.Activity), again!.Value!.Select(p => p.Activity)); // deterministic

        fixture.Server.DeleteEvent(user.Id, eventId);
    }

    [Fact]
    public async Task A_presence_set_by_hand_wins_over_the_calendar_until_cleared()
    {
        var user = fixture.User(45);
        var before = await fixture.Client.Users[user.Id.ToString()].Presence.GetAsync();
        fixture.Server.SetPresence(user.Id, "DoNotDisturb", "Presenting");
        var response = await fixture.Client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
            new GetPresencesByUserIdPostRequestBody { Ids = [user.Id.ToString()] });
        Assert.Equal(("DoNotDisturb", "Presenting"), (response!.Value![0].Availability, response.Value[0].Activity));
        fixture.Server.ClearPresence(user.Id);
        var after = await fixture.Client.Users[user.Id.ToString()].Presence.GetAsync();
        Assert.Equal((before!.Availability, before.Activity), (after!.Availability, after.Activity));
    }

    [Fact]
    public async Task More_than_650_ids_is_a_bad_request()
    {
        var error = await Assert.ThrowsAsync<ODataError>(() => fixture.Client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
            new GetPresencesByUserIdPostRequestBody { Ids = Enumerable.Range(0, 651).Select(_ => Guid.NewGuid().ToString()).ToList() }));
        Assert.Equal(400, error.ResponseStatusCode);
    }
}

/// <summary>Rate limits are per tenant, so these tests own a small simulator.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private GraphSimulatorServer server = null!;
    private GraphServiceClient client = null!;

    public async Task InitializeAsync()
    {
        server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { EmployeeCount = 20, Clock = new FixedClock(SimulatorFixture.Now) });
        client = GraphClients.Create(server);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static SendActivityNotificationPostRequestBody Notification(int minutes) => new()
    {
        Topic = new TeamworkActivityTopic { Source = TeamworkActivityTopicSource.Text, Value = "A short break", WebUrl = "https://teams.microsoft.com/l/entity/app-id/breaks?context=%7B%7D" },
        ActivityType = "breakOffered",
        PreviewText = new ItemBody { Content = $"You have {minutes} minutes before your next meeting." },
        TemplateParameters = [new Microsoft.Graph.Models.KeyValuePair { Name = "minutes", Value = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
    };

    private static void NoRetry(Microsoft.Kiota.Abstractions.RequestConfiguration<Microsoft.Kiota.Abstractions.DefaultQueryParameters> rc) =>
        rc.Options.Add(new RetryHandlerOption { MaxRetry = 0 });

    [Fact]
    public async Task Activity_notifications_are_recorded_and_throttled_past_five_a_second()
    {
        var users = server.Tenant.Users;
        await client.Users[users[0].Id.ToString()].Teamwork.SendActivityNotification.PostAsync(Notification(3), NoRetry);
        var sent = Assert.Single(server.SentNotifications);
        Assert.Equal(users[0].Id, sent.UserId);
        Assert.Equal("breakOffered", sent.ActivityType);
        Assert.Equal("3", sent.TemplateParameters["minutes"]);
        Assert.StartsWith("https://teams.microsoft.com/l/entity/", sent.TopicWebUrl);
        Assert.Equal(SimulatorFixture.Now, sent.SentAt);

        // Ten at once: well past five a second, however slow the machine.
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(async i =>
        {
            try
            {
                await client.Users[users[i].Id.ToString()].Teamwork.SendActivityNotification.PostAsync(Notification(i), NoRetry);
                return null;
            }
            catch (ODataError e)
            {
                return e;
            }
        }));
        var throttled = results.OfType<ODataError>().ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, e =>
        {
            Assert.Equal(429, e.ResponseStatusCode);
            Assert.True(e.ResponseHeaders.ContainsKey("Retry-After"));
        });
        Assert.Equal(11, server.SentNotifications.Count + throttled.Count);
        Assert.Equal(11, server.RequestCount("sendActivityNotification"));

        var error = await Assert.ThrowsAsync<ODataError>(() => client.Users[Guid.NewGuid().ToString()].Teamwork.SendActivityNotification.PostAsync(Notification(1), NoRetry));
        Assert.Equal(404, error.ResponseStatusCode);

        using var http = new HttpClient();
        var view = await http.GetFromJsonAsync<List<SentActivityNotification>>(new Uri(server.GraphBaseUrl, "/_simulator/notifications"));
        Assert.Equal(server.SentNotifications.Count, view!.Count);
    }

    [Fact]
    public async Task A_lost_answer_means_the_notification_was_accepted_and_recorded_but_the_caller_gets_504()
    {
        var user = server.Tenant.Users[3];
        server.LoseResponses("sendActivityNotification", 1);
        var error = await Assert.ThrowsAsync<ODataError>(() =>
            client.Users[user.Id.ToString()].Teamwork.SendActivityNotification.PostAsync(Notification(5), NoRetry));
        Assert.Equal(504, error.ResponseStatusCode);
        Assert.Equal(user.Id, Assert.Single(server.SentNotifications).UserId);
        await Task.Delay(1100); // past the per-second window
        await client.Users[user.Id.ToString()].Teamwork.SendActivityNotification.PostAsync(Notification(5), NoRetry); // only one was lost
        Assert.Equal(2, server.SentNotifications.Count);
    }

    [Fact]
    public async Task Notifications_to_recipients_take_up_to_100_and_two_calls_a_second()
    {
        SendActivityNotificationToRecipientsPostRequestBody Body(int count) => new()
        {
            Topic = new TeamworkActivityTopic { Source = TeamworkActivityTopicSource.Text, Value = "Break", WebUrl = "https://teams.microsoft.com/l/entity/app-id/breaks" },
            ActivityType = "breakOffered",
            PreviewText = new ItemBody { Content = "Time for a breather" },
            Recipients = server.Tenant.Users.Take(count).Select(u => (TeamworkNotificationRecipient)new AadUserNotificationRecipient { UserId = u.Id.ToString() }).ToList(),
        };

        await client.Teamwork.SendActivityNotificationToRecipients.PostAsync(Body(20), NoRetry);
        Assert.Equal(20, server.SentNotifications.Count);
        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            try
            {
                await client.Teamwork.SendActivityNotificationToRecipients.PostAsync(Body(3), NoRetry);
                return null;
            }
            catch (ODataError e)
            {
                return e;
            }
        }));
        var throttled = results.OfType<ODataError>().ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, e => Assert.Equal(429, e.ResponseStatusCode));
        Assert.Equal(20 + 3 * (5 - throttled.Count), server.SentNotifications.Count);

        var tooMany = Body(1);
        tooMany.Recipients = Enumerable.Range(0, 101).Select(_ => (TeamworkNotificationRecipient)new AadUserNotificationRecipient { UserId = Guid.NewGuid().ToString() }).ToList();
        var bad = await Assert.ThrowsAsync<ODataError>(() => client.Teamwork.SendActivityNotificationToRecipients.PostAsync(tooMany, NoRetry));
        Assert.Equal(400, bad.ResponseStatusCode);
    }
}
