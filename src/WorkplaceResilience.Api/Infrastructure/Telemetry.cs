using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>The service's own metrics, one meter named "WorkplaceResilience". Aggregates only: never a person's id.</summary>
public static class Telemetry
{
    public const string MeterName = "WorkplaceResilience";
    public static readonly Meter Meter = new(MeterName);

    /// <summary>One activity per background job run (traced with the Graph and database calls it makes).</summary>
    public static readonly ActivitySource Jobs = new("WorkplaceResilience.Jobs");

    /// <summary>Every Graph request attempt (retries included); tags <c>route</c> (ids replaced by <c>{id}</c>) and <c>status</c>.</summary>
    public static readonly Counter<long> GraphRequests =
        Meter.CreateCounter<long>("wr.graph.requests", "{request}", "Microsoft Graph requests by route template and HTTP status");

    public static readonly Counter<long> CalendarsSynced =
        Meter.CreateCounter<long>("wr.calendars.synced", "{calendar}", "Calendars read from Graph and re-planned");

    public static readonly Counter<long> CalendarSyncFailures =
        Meter.CreateCounter<long>("wr.calendars.failed", "{calendar}", "Calendar reads that failed (the person stays due)");

    /// <summary>Graph change notifications received; tag <c>outcome</c>: queued, duplicate or rejected (unknown subscription, wrong clientState).</summary>
    public static readonly Counter<long> WebhookNotifications =
        Meter.CreateCounter<long>("wr.webhook.notifications", "{notification}", "Graph change notifications received by outcome");

    public static readonly Counter<long> CalendarChangesApplied =
        Meter.CreateCounter<long>("wr.calendars.notified", "{event}", "Events applied from change notifications' resource data, without a read");

    public static readonly Counter<long> CalendarChangesMarked =
        Meter.CreateCounter<long>("wr.calendars.changed", "{calendar}", "Calendars marked changed by notifications (coalesced per batch)");

    public static readonly Counter<long> OffersPlanned =
        Meter.CreateCounter<long>("wr.offers.planned", "{offer}", "Break offers newly planned");

    public static readonly Counter<long> OffersDelivered =
        Meter.CreateCounter<long>("wr.offers.delivered", "{offer}", "Break offers sent to the Teams activity feed");

    public static readonly Counter<long> OffersExpired =
        Meter.CreateCounter<long>("wr.offers.expired", "{offer}", "Break offers dropped because their moment passed or Graph refused them");

    /// <summary>Graph answers 429 (throttled); tag <c>route</c>.</summary>
    public static readonly Counter<long> GraphThrottled =
        Meter.CreateCounter<long>("wr.graph.throttled", "{request}", "Microsoft Graph requests throttled with 429");

    /// <summary>Rows deleted because they outlived their tenant's retention; tag <c>table</c>.</summary>
    public static readonly Counter<long> RetentionDeleted =
        Meter.CreateCounter<long>("wr.retention.deleted", "{row}", "Calendar entries, break offers and practice sessions deleted by retention");
}
