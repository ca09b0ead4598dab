using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>A calendar entry as it leaves Graph: times and flags, and when the event last changed; no text fields at all.</summary>
public sealed record SyncedEvent(CalendarBlock Block, DateTimeOffset? LastModified);

/// <summary>
/// One calendarView delta read of a person, page by page, inside Graph <c>$batch</c>es (see <see cref="GraphBatchRunner"/>).
/// With a stored delta link it reads the changes since the last round; without one (or when Graph lost the sync
/// state: 410 <c>syncStateNotFound</c>) a fresh round reads the whole window. Delta queries take no <c>$select</c>, so
/// the events arrive whole; only times and flags are kept, the id only as a keyed hash, the rest is dropped here.
/// </summary>
public sealed class DeltaRead(Guid tenantId, Guid employeeId, TimeZoneInfo zone, string? deltaLink, DateTimeOffset windowStart,
    DateTimeOffset windowEnd, EventIdHasher hasher) : BatchedRead(employeeId)
{
    /// <summary>Events a page, and every time in UTC (all-day dates are re-anchored in the person's zone).</summary>
    private const string Prefer = "odata.maxpagesize=200, outlook.timezone=\"UTC\"";
    private readonly Dictionary<string, SyncedEvent> changed = [];
    private readonly HashSet<string> removed = [];
    private string? link = deltaLink;
    private bool fresh = deltaLink is null;
    private string? newDeltaLink;

    /// <summary>The result once the round completed; null while paging or after a failure.</summary>
    public CalendarRead? Result => newDeltaLink is null || Failure is not null
        ? null
        : new CalendarRead(fresh, windowStart, windowEnd, changed, removed, newDeltaLink);

    public override RequestInformation Request(GraphServiceClient client)
    {
        if (link is null)
            return client.Users[Mailbox.ToString()].CalendarView.Delta.ToGetRequestInformation(request =>
            {
                request.QueryParameters.StartDateTime = windowStart.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
                request.QueryParameters.EndDateTime = windowEnd.UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
                request.Headers.Add("Prefer", Prefer);
            });
        return new Microsoft.Graph.Users.Item.CalendarView.Delta.DeltaRequestBuilder(link, client.RequestAdapter)
            .ToGetRequestInformation(request => request.Headers.Add("Prefer", Prefer));
    }

    public override async Task<BatchedRead?> CompleteAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var page = await ParseAsync(response, Microsoft.Graph.Users.Item.CalendarView.Delta.DeltaGetResponse.CreateFromDiscriminatorValue, cancellationToken);
        foreach (var e in page?.Value ?? [])
        {
            if (e.Id is null) continue;
            var hash = hasher.Hash(tenantId, e.Id);
            if (e.AdditionalData?.ContainsKey("@removed") == true || CalendarReader.ToBlock(e, zone) is not { } block)
            {
                changed.Remove(hash);
                removed.Add(hash);
            }
            else
            {
                removed.Remove(hash);
                changed[hash] = new SyncedEvent(block, e.LastModifiedDateTime);
            }
        }

        if (page?.OdataNextLink is { } next)
        {
            link = next;
            return this;
        }

        newDeltaLink = page?.OdataDeltaLink ?? throw new InvalidOperationException("A delta page had neither a next nor a delta link.");
        return null;
    }

    /// <summary>Graph lost the sync state: start over with a fresh round of the whole window.</summary>
    public override BatchedRead? Gone()
    {
        if ((fresh && link is null) || ++Attempts >= 6) return null;
        link = null;
        fresh = true;
        changed.Clear();
        removed.Clear();
        return this;
    }
}

/// <summary>A person's mailbox settings (time zone, working hours), read inside a <c>$batch</c>.</summary>
public sealed class MailboxSettingsRead(Guid employeeId) : BatchedRead(employeeId)
{
    public MailboxSettings? Settings { get; private set; }

    public override RequestInformation Request(GraphServiceClient client) =>
        client.Users[Mailbox.ToString()].MailboxSettings.ToGetRequestInformation();

    public override async Task<BatchedRead?> CompleteAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Settings = await ParseAsync(response, MailboxSettings.CreateFromDiscriminatorValue, cancellationToken);
        return null;
    }
}

/// <summary>Turns Graph events into planning blocks.</summary>
public static class CalendarReader
{
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
