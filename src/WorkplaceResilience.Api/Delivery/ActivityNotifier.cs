using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Teamwork.SendActivityNotificationToRecipients;
using Microsoft.Graph.Users.Item.Teamwork.SendActivityNotification;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using WorkplaceResilience.Api.Infrastructure;
using GraphKeyValuePair = Microsoft.Graph.Models.KeyValuePair;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// Sends break nudges to Teams activity feeds, deep-linking into the personal tab: many people at once
/// (<c>sendActivityNotificationToRecipients</c>, ≤100 a call, to today's offers) or one person (to the offer itself).
/// The SDK's retry handler is switched off for these calls: a retry after a lost answer would nudge twice, and
/// 429s are paced by the delivery job itself.
/// </summary>
public sealed class ActivityNotifier(IOptions<GraphOptions> graphOptions)
{
    /// <summary>Declared in the manifest's activities.activityTypes.</summary>
    public const string ActivityType = "breakOffered";
    /// <summary>The personal tab's entityId in the manifest.</summary>
    public const string TabEntityId = "today";
    public const int MaxRecipients = 100;

    /// <summary>The configured Teams app id, or null when it is missing or the all-zero placeholder (then nothing is sent).</summary>
    public string? TeamsAppId => graphOptions.Value.ConfiguredTeamsAppId;

    public Task SendToRecipientsAsync(GraphServiceClient client, IReadOnlyCollection<Guid> recipients, int lengthMinutes, CancellationToken cancellationToken)
    {
        if (recipients.Count is 0 or > MaxRecipients) throw new ArgumentOutOfRangeException(nameof(recipients));
        return client.Teamwork.SendActivityNotificationToRecipients.PostAsync(new SendActivityNotificationToRecipientsPostRequestBody
        {
            Topic = Topic(TabEntityId),
            ActivityType = ActivityType,
            PreviewText = Preview(lengthMinutes),
            TemplateParameters = Parameters(lengthMinutes),
            Recipients = recipients.Select(id => (TeamworkNotificationRecipient)new AadUserNotificationRecipient { UserId = id.ToString() }).ToList(),
        }, NoRetry, cancellationToken);
    }

    public Task SendToUserAsync(GraphServiceClient client, Guid userId, Guid offerId, int lengthMinutes, CancellationToken cancellationToken) =>
        client.Users[userId.ToString()].Teamwork.SendActivityNotification.PostAsync(new SendActivityNotificationPostRequestBody
        {
            Topic = Topic(offerId.ToString()),
            ActivityType = ActivityType,
            PreviewText = Preview(lengthMinutes),
            TemplateParameters = Parameters(lengthMinutes),
        }, NoRetry, cancellationToken);

    /// <summary>The tab's deep link; <paramref name="subEntityId"/> is "today" or an offer id (the tab opens that offer).</summary>
    public string DeepLink(string subEntityId)
    {
        var appId = TeamsAppId ?? throw new InvalidOperationException("Graph:TeamsAppId is not configured.");
        var context = JsonSerializer.Serialize(new { subEntityId });
        return $"https://teams.microsoft.com/l/entity/{appId}/{TabEntityId}?context={Uri.EscapeDataString(context)}";
    }

    private TeamworkActivityTopic Topic(string subEntityId) =>
        new() { Source = TeamworkActivityTopicSource.Text, Value = "Your break", WebUrl = DeepLink(subEntityId) };

    private static ItemBody Preview(int minutes) => new() { Content = $"A {minutes}-minute break fits here. Take it if it helps." };

    private static List<GraphKeyValuePair> Parameters(int minutes) => [new GraphKeyValuePair { Name = "minutes", Value = minutes.ToString() }];

    private static void NoRetry<T>(RequestConfiguration<T> request) where T : class, new() =>
        request.Options.Add(new RetryHandlerOption { MaxRetry = 0, ShouldRetry = (_, _, _) => false });
}
