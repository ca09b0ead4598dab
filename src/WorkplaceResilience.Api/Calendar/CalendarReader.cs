using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>A calendar entry as it leaves Graph: the event id already hashed, no text fields at all.</summary>
public sealed record SyncedEvent(string EventHash, CalendarBlock Block);

/// <summary>
/// Reads a person's calendar view through the Graph SDK. It asks Graph only for times and flags
/// ($select), so subjects, bodies, locations and attendees never even reach this process.
/// </summary>
public static class CalendarReader
{
    private static readonly string[] Fields = ["id", "start", "end", "showAs", "isAllDay", "isCancelled", "responseStatus", "type"];

    public static async Task<List<SyncedEvent>> ReadAsync(
        GraphServiceClient client, EventIdHasher hasher, Guid tenantId, Guid userId, TimeZoneInfo userZone,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<SyncedEvent>();
        var page = await client.Users[userId.ToString()].CalendarView.GetAsync(request =>
        {
            request.QueryParameters.StartDateTime = from.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            request.QueryParameters.EndDateTime = to.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            request.QueryParameters.Select = Fields;
            request.QueryParameters.Top = 250;
            request.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        }, cancellationToken);
        if (page is null) return events;
        var iterator = PageIterator<Event, EventCollectionResponse>.CreatePageIterator(client, page, e =>
        {
            if (ToBlock(e, userZone) is { } block) events.Add(new SyncedEvent(hasher.Hash(tenantId, e.Id!), block));
            return true;
        });
        await iterator.IterateAsync(cancellationToken);
        return events;
    }

    public static CalendarBlock? ToBlock(Event e, TimeZoneInfo userZone)
    {
        if (e.Id is null || ToInstant(e.Start) is not { } start || ToInstant(e.End) is not { } end) return null;
        if (e.IsAllDay == true)
        {
            // Graph gives an all-day event as midnight-to-midnight dates in whatever zone was asked for;
            // the dates belong to the person's own day, so anchor them at midnight in the person's zone.
            start = LocalTime.StartOfDay(userZone, DateOnly.FromDateTime(start.UtcDateTime));
            end = LocalTime.StartOfDay(userZone, DateOnly.FromDateTime(end.UtcDateTime));
        }
        return new CalendarBlock(start, end, ToShowAs(e.ShowAs), e.IsAllDay == true, e.IsCancelled == true,
            ToResponse(e.ResponseStatus?.Response));
    }

    private static DateTimeOffset? ToInstant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is null || !DateTime.TryParse(value.DateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        return Core.Planning.WorkingHours.LocalToInstant(LocalTime.Find(value.TimeZone ?? "UTC"), local).ToUniversalTime();
    }

    private static ShowAs ToShowAs(FreeBusyStatus? status) => status switch
    {
        FreeBusyStatus.Free => ShowAs.Free,
        FreeBusyStatus.Tentative => ShowAs.Tentative,
        FreeBusyStatus.Busy => ShowAs.Busy,
        FreeBusyStatus.Oof => ShowAs.OutOfOffice,
        FreeBusyStatus.WorkingElsewhere => ShowAs.WorkingElsewhere,
        _ => ShowAs.Unknown,
    };

    private static Core.Planning.ResponseStatus ToResponse(ResponseType? response) => response switch
    {
        ResponseType.Organizer => Core.Planning.ResponseStatus.Organizer,
        ResponseType.TentativelyAccepted => Core.Planning.ResponseStatus.TentativelyAccepted,
        ResponseType.Accepted => Core.Planning.ResponseStatus.Accepted,
        ResponseType.Declined => Core.Planning.ResponseStatus.Declined,
        ResponseType.NotResponded => Core.Planning.ResponseStatus.NotResponded,
        _ => Core.Planning.ResponseStatus.None,
    };
}
