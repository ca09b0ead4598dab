using System.Text.Json.Nodes;

namespace WorkplaceResilience.GraphSimulator.Http;

/// <summary>A Graph request, from HTTP or from inside a <c>$batch</c>, as the handlers see it.</summary>
internal sealed class GraphRequest
{
    public required string Method { get; init; }

    /// <summary>Path relative to <c>/v1.0</c>, without a leading slash, decoded.</summary>
    public required string Path { get; init; }

    /// <summary>Query options; OData system options always carry their <c>$</c>.</summary>
    public required IReadOnlyDictionary<string, string> Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public JsonNode? Body { get; init; }

    /// <summary>Absolute base for links, e.g. <c>http://127.0.0.1:5123/v1.0</c>.</summary>
    public required string BaseUrl { get; init; }

    public Dictionary<string, string> RouteValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    private static readonly HashSet<string> SystemOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "select", "top", "skip", "skiptoken", "deltatoken", "filter", "orderby", "count", "expand", "search", "format",
    };

    /// <summary>Parses a raw query string (with or without '?').</summary>
    public static Dictionary<string, string> ParseQuery(string? query)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }

        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            if (!key.StartsWith('$') && SystemOptions.Contains(key))
            {
                key = "$" + key;
            }

            result[key] = value;
        }

        return result;
    }
}

/// <summary>A Graph response: status, headers and an optional JSON body.</summary>
internal sealed record GraphResponse(int Status, JsonNode? Body, Dictionary<string, string> Headers)
{
    public static GraphResponse Ok(JsonNode body) => new(200, body, []);

    public static GraphResponse NoContent() => new(204, null, []);

    public GraphResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}

/// <summary>Thrown by handlers to answer with a Graph error.</summary>
internal sealed class GraphException(int status, string code, string message, Dictionary<string, string>? headers = null)
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public Dictionary<string, string> Headers { get; } = headers ?? [];
}
