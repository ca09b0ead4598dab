using System.Diagnostics.Metrics;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>The service's own metrics, one meter named "WorkplaceResilience". Aggregates only: never a person's id.</summary>
public static class Telemetry
{
    public const string MeterName = "WorkplaceResilience";
    public static readonly Meter Meter = new(MeterName);

    /// <summary>Every Graph request attempt (retries included); tags <c>route</c> (ids replaced by <c>{id}</c>) and <c>status</c>.</summary>
    public static readonly Counter<long> GraphRequests =
        Meter.CreateCounter<long>("wr.graph.requests", "{request}", "Microsoft Graph requests by route template and HTTP status");

    /// <summary>Graph answers 429 (throttled); tag <c>route</c>.</summary>
    public static readonly Counter<long> GraphThrottled =
        Meter.CreateCounter<long>("wr.graph.throttled", "{request}", "Microsoft Graph requests throttled with 429");
}
