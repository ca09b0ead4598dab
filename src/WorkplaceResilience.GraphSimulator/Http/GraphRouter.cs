namespace WorkplaceResilience.GraphSimulator.Http;

internal delegate Task<GraphResponse> GraphHandler(SimulatorState state, GraphRequest request);

/// <summary>One Graph route: <paramref name="Name"/> is the counter name; <paramref name="MailboxScoped"/> routes count against the per-mailbox concurrency limit.</summary>
internal sealed record GraphRoute(string Method, string Template, string Name, bool MailboxScoped, GraphHandler Handler)
{
    public string[] Segments { get; } = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Matches Graph paths, for HTTP and <c>$batch</c> alike. Literal segments compare case-insensitively, ignoring a
/// trailing <c>()</c> and a <c>microsoft.graph.</c> or <c>graph.</c> prefix (the SDK calls <c>calendarView/delta()</c> and
/// <c>transitiveMembers/graph.user</c>).
/// </summary>
internal sealed class GraphRouter(IEnumerable<GraphRoute> routes)
{
    private readonly GraphRoute[] routes = routes.ToArray();

    public (GraphRoute? Route, bool PathMatched) Match(GraphRequest request)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathMatched = false;
        foreach (var route in routes)
        {
            if (!TryMatch(route, segments, out var values))
            {
                continue;
            }

            pathMatched = true;
            if (route.Method.Equals(request.Method, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var (key, value) in values)
                {
                    request.RouteValues[key] = value;
                }

                return (route, true);
            }
        }

        return (null, pathMatched);
    }

    private static bool TryMatch(GraphRoute route, string[] segments, out List<(string Key, string Value)> values)
    {
        values = [];
        if (route.Segments.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var template = route.Segments[i];
            if (template.StartsWith('{'))
            {
                values.Add((template.Trim('{', '}'), segments[i]));
            }
            else if (!Normalize(segments[i]).Equals(template, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Graph takes a namespace's alias for the namespace; the SDK writes casts as <c>graph.user</c>.</summary>
    private static readonly string[] CastPrefixes = ["microsoft.graph.", "graph."];

    private static string Normalize(string segment)
    {
        if (segment.EndsWith("()", StringComparison.Ordinal))
        {
            segment = segment[..^2];
        }

        foreach (var prefix in CastPrefixes)
        {
            if (segment.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return segment[prefix.Length..];
            }
        }

        return segment;
    }
}
