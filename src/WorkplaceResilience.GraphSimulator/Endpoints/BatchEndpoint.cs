using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Endpoints;

/// <summary>
/// <c>POST /$batch</c> (JSON batching): up to 20 requests, each dispatched to the same handlers as over HTTP and
/// counted under its own route name. Graph runs a batch's requests in parallel, so each holds its mailbox slot until
/// the batch ends: the fifth request to one mailbox in a batch (at the default limit of 4) gets its own 429 inside
/// the outer 200, exactly the case the SDK does not retry. <c>dependsOn</c> runs in order; a failed dependency gives 424.
/// </summary>
internal static class BatchEndpoint
{
    public const int MaxRequests = 20;

    public static IEnumerable<GraphRoute> Routes() => [new("POST", "$batch", "batch", false, BatchAsync)];

    private static async Task<GraphResponse> BatchAsync(SimulatorState state, GraphRequest request)
    {
        if (request.Body?["requests"] is not JsonArray requests)
        {
            throw GraphErrors.BadRequest("Invalid batch payload format: a 'requests' array is required.");
        }

        if (requests.Count == 0 || requests.Count > MaxRequests)
        {
            throw GraphErrors.BadRequest($"Invalid batch payload format: a batch holds between 1 and {MaxRequests} requests; this one has {requests.Count}.");
        }

        var ids = requests.Select(r => r?["id"]?.ToString()).ToList();
        if (ids.Any(string.IsNullOrEmpty) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
        {
            throw GraphErrors.BadRequest("Invalid batch payload format: every request needs a unique 'id'.");
        }

        var leases = new List<IDisposable>();
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var responses = new JsonArray();
        try
        {
            foreach (var item in requests.OfType<JsonObject>())
            {
                var id = item["id"]!.ToString();
                GraphResponse response;
                var failedDependency = (item["dependsOn"] as JsonArray)?
                    .Select(d => d?.ToString() ?? "")
                    .FirstOrDefault(d => !statuses.TryGetValue(d, out var s) || s >= 400);
                if (failedDependency is not null)
                {
                    response = GraphErrors.Response(424, "FailedDependency", $"The request depends on '{failedDependency}', which failed or did not run.", Guid.NewGuid().ToString());
                }
                else if (Inner(item, request) is { } inner)
                {
                    response = inner.Path.TrimStart('/').Equals("$batch", StringComparison.OrdinalIgnoreCase)
                        ? GraphErrors.Response(400, "BadRequest", "A batch cannot contain another batch.", Guid.NewGuid().ToString())
                        : await state.Dispatcher.DispatchAsync(inner, leases);
                }
                else
                {
                    response = GraphErrors.Response(400, "BadRequest", "Each batch request needs a 'method' and a relative 'url'.", Guid.NewGuid().ToString());
                }

                statuses[id] = response.Status;
                responses.Add(Render(id, response));
            }
        }
        finally
        {
            leases.ForEach(l => l.Dispose());
        }

        return GraphResponse.Ok(new JsonObject { ["responses"] = responses });
    }

    private static GraphRequest? Inner(JsonObject item, GraphRequest outer)
    {
        var method = item["method"]?.ToString();
        var url = item["url"]?.ToString();
        if (string.IsNullOrWhiteSpace(method) || string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        // Relative ("/users/…") as the SDK sends; tolerate absolute URLs and a leading "/v1.0".
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            url = absolute.PathAndQuery;
        }

        url = url.TrimStart('/');
        if (url.StartsWith("v1.0/", StringComparison.OrdinalIgnoreCase))
        {
            url = url[5..];
        }

        var q = url.IndexOf('?');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (item["headers"] is JsonObject h)
        {
            foreach (var (name, value) in h)
            {
                headers[name] = value?.ToString() ?? "";
            }
        }

        return new GraphRequest
        {
            Method = method.ToUpperInvariant(),
            Path = Uri.UnescapeDataString(q < 0 ? url : url[..q]),
            Query = GraphRequest.ParseQuery(q < 0 ? null : url[q..]),
            Headers = headers,
            Body = Body(item["body"]),
            BaseUrl = outer.BaseUrl,
        };
    }

    /// <summary>A JSON body as an object, or a string holding base64 or JSON text.</summary>
    private static JsonNode? Body(JsonNode? body)
    {
        if (body is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return body?.DeepClone();
        }

        foreach (var candidate in new Func<string>[] { () => Encoding.UTF8.GetString(Convert.FromBase64String(text)), () => text })
        {
            try
            {
                return JsonNode.Parse(candidate());
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
            }
        }

        return body.DeepClone();
    }

    private static JsonObject Render(string id, GraphResponse response)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in response.Headers)
        {
            headers[name] = value;
        }

        if (response.Body is not null)
        {
            headers["Content-Type"] = GraphHttpEndpoints.JsonContentType;
        }

        var result = new JsonObject { ["id"] = id, ["status"] = response.Status, ["headers"] = headers };
        if (response.Body is not null)
        {
            result["body"] = response.Body.DeepClone();
        }

        return result;
    }
}
