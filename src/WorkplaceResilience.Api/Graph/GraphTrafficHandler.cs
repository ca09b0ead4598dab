using System.Diagnostics;
using System.Globalization;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Graph;

/// <summary>
/// Counts Graph traffic by route template and status, innermost in the Graph pipeline so each retry counts.
/// Stands in for HttpClient's per-request logs, whose URLs carry employees' object ids.
/// </summary>
internal sealed class GraphTrafficHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var route = RouteTemplate(request.RequestUri);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            Telemetry.GraphRequests.Add(1, new TagList { { "route", route }, { "status", "error" } });
            throw;
        }

        var status = (int)response.StatusCode;
        Telemetry.GraphRequests.Add(1, new TagList { { "route", route }, { "status", status.ToString(CultureInfo.InvariantCulture) } });
        if (status == 429) Telemetry.GraphThrottled.Add(1, new KeyValuePair<string, object?>("route", route));
        return response;
    }

    /// <summary><c>/v1.0/users/{guid}/calendarView/delta?…</c> → <c>users/{id}/calendarView/delta</c>.</summary>
    internal static string RouteTemplate(Uri? uri)
    {
        if (uri is null) return "";
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(s => s is "v1.0" or "beta")
            // The SDK calls functions with parentheses (users/delta()); the template names them without.
            .Select(s => s.EndsWith("()", StringComparison.Ordinal) ? s[..^2] : s)
            .Select(s => IsName(Uri.UnescapeDataString(s)) ? s : "{id}");
        return string.Join('/', segments);
    }

    /// <summary>Graph's path names are short words of letters and dots ($batch, calendarView, microsoft.graph.delta);
    /// ids, UPNs and keys are anything else.</summary>
    private static bool IsName(string segment) =>
        segment.Length is > 0 and <= 40 && !Guid.TryParse(segment, out _) && segment.All(c => char.IsAsciiLetter(c) || c is '.' or '$' or '_');
}
