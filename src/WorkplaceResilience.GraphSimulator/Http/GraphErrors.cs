using System.Text.Json.Nodes;

namespace WorkplaceResilience.GraphSimulator.Http;

/// <summary>Graph's error envelope: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
internal static class GraphErrors
{
    public static GraphResponse Response(int status, string code, string message, string requestId, string? clientRequestId = null,
        Dictionary<string, string>? headers = null)
    {
        var inner = new JsonObject
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["request-id"] = requestId,
            ["client-request-id"] = clientRequestId ?? requestId,
        };
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["innerError"] = inner },
        };
        return new GraphResponse(status, body, headers ?? []);
    }

    public static GraphException BadRequest(string message, string code = "BadRequest") => new(400, code, message);

    public static GraphException UserNotFound(string id) =>
        new(404, "ErrorItemNotFound", $"The specified object was not found in the store. User '{id}' has no mailbox in this tenant.");

    public static GraphException DirectoryObjectNotFound(string id) =>
        new(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    public static GraphException Throttled(string message, TimeSpan retryAfter, string code = "ApplicationThrottled")
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return new(429, code, message, new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
