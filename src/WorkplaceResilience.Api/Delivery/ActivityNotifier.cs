using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using GraphKeyValuePair = Microsoft.Graph.Models.KeyValuePair;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>Sends one break offer to a person's Teams activity feed, deep-linking into the personal tab.</summary>
public sealed class ActivityNotifier(IOptions<GraphOptions> graphOptions)
{
    /// <summary>Declared in the manifest's activities.activityTypes.</summary>
    public const string ActivityType = "breakOffered";

    public Task SendAsync(GraphServiceClient client, BreakOffer offer, CancellationToken cancellationToken)
    {
        var context = JsonSerializer.Serialize(new { subEntityId = offer.Id.ToString() });
        var deepLink = $"https://teams.microsoft.com/l/entity/{graphOptions.Value.TeamsAppId}/today?context={Uri.EscapeDataString(context)}";
        return client.Users[offer.EmployeeId.ToString()].Teamwork.SendActivityNotification.PostAsync(
            new SendActivityNotificationPostRequestBody
            {
                Topic = new TeamworkActivityTopic { Source = TeamworkActivityTopicSource.Text, Value = "Your break", WebUrl = deepLink },
                ActivityType = ActivityType,
                PreviewText = new ItemBody { Content = $"A {offer.LengthMinutes}-minute break fits here. Take it if it helps." },
                TemplateParameters = [new GraphKeyValuePair { Name = "minutes", Value = offer.LengthMinutes.ToString() }],
            }, cancellationToken: cancellationToken);
    }
}
