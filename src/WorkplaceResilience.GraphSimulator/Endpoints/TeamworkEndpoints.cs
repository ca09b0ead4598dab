using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// Teams activity feed: <c>POST /users/{id}/teamwork/sendActivityNotification</c> (per-tenant rate
/// <see cref="SimulatorOptions.ActivityNotificationsPerSecond"/>) and <c>POST /teamwork/sendActivityNotificationToRecipients</c>
/// (≤100 recipients, rate <see cref="SimulatorOptions.RecipientNotificationsPerSecond"/>). Both answer 204 and record one
/// <see cref="SentActivityNotification"/> per recipient; over the rate → 429 with Retry-After. Unknown recipients in the
/// multi-recipient call are skipped (as if the app were not installed for them).
/// </summary>
internal static class TeamworkEndpoints
{
    public const int MaxRecipients = 100;

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("POST", "users/{userId}/teamwork/sendActivityNotification", "sendActivityNotification", false, SendToUserAsync),
        new("POST", "teamwork/sendActivityNotificationToRecipients", "sendActivityNotificationToRecipients", false, SendToRecipientsAsync),
    ];

    private sealed record Notification(string ActivityType, string PreviewText, string WebUrl, Dictionary<string, string> Parameters);

    private static Task<GraphResponse> SendToUserAsync(SimulatorState state, GraphRequest request)
    {
        var id = request.RouteValues["userId"];
        var profile = state.FindUser(id) ?? throw GraphErrors.DirectoryObjectNotFound(id);
        var notification = Parse(request.Body);
        if (!state.ActivityLimiter.TryAcquire(out var retryAfter))
        {
            throw GraphErrors.Throttled("Too many requests: sendActivityNotification is limited per app and tenant.", retryAfter, "TooManyRequests");
        }

        Record(state, profile.User.Id, notification);
        return Task.FromResult(GraphResponse.NoContent());
    }

    private static Task<GraphResponse> SendToRecipientsAsync(SimulatorState state, GraphRequest request)
    {
        var notification = Parse(request.Body);
        if (request.Body?["recipients"] is not JsonArray recipients || recipients.Count == 0 || recipients.Count > MaxRecipients)
        {
            throw GraphErrors.BadRequest($"'recipients' must hold between 1 and {MaxRecipients} recipients.");
        }

        var userIds = new List<Guid>();
        foreach (var recipient in recipients)
        {
            var type = recipient?["@odata.type"]?.ToString();
            var userId = recipient?["userId"]?.ToString();
            if (type is not ("microsoft.graph.aadUserNotificationRecipient" or "#microsoft.graph.aadUserNotificationRecipient") || userId is null)
            {
                throw GraphErrors.BadRequest("Each recipient must be a microsoft.graph.aadUserNotificationRecipient with a userId.");
            }

            if (state.FindUser(userId) is { } profile)
            {
                userIds.Add(profile.User.Id);
            }
        }

        if (!state.RecipientLimiter.TryAcquire(out var retryAfter))
        {
            throw GraphErrors.Throttled("Too many requests: sendActivityNotificationToRecipients is limited per app and tenant.", retryAfter, "TooManyRequests");
        }

        userIds.ForEach(u => Record(state, u, notification));
        return Task.FromResult(GraphResponse.NoContent());
    }

    private static Notification Parse(JsonNode? body)
    {
        var activityType = body?["activityType"]?.ToString();
        var topic = body?["topic"];
        var source = topic?["source"]?.ToString();
        var value = topic?["value"]?.ToString();
        if (string.IsNullOrWhiteSpace(activityType) || topic is null || string.IsNullOrWhiteSpace(value) || source is not ("text" or "entityUrl"))
        {
            throw GraphErrors.BadRequest("A notification needs an activityType and a topic with source ('text' or 'entityUrl') and value.");
        }

        var webUrl = topic["webUrl"]?.ToString();
        if (source == "text" && string.IsNullOrWhiteSpace(webUrl))
        {
            throw GraphErrors.BadRequest("topic.webUrl is required when topic.source is 'text'.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (body?["templateParameters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (pair["name"]?.ToString() is { } name)
            {
                parameters[name] = pair["value"]?.ToString() ?? "";
            }
        }

        return new Notification(activityType, body?["previewText"]?["content"]?.ToString() ?? "", webUrl ?? value, parameters);
    }

    private static void Record(SimulatorState state, Guid userId, Notification n) =>
        state.Record(new SentActivityNotification(userId, n.ActivityType, n.PreviewText, n.WebUrl, n.Parameters, state.Now));
}
