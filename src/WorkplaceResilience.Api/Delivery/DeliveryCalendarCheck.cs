using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>What a person's calendar says at the moment of their nudge.</summary>
/// <param name="MeetingNow">A meeting is on now: the gap has not opened (the meeting before it overran) or has gone.</param>
/// <param name="NextMeeting">When the next meeting starts; null when none follows within the next hours.</param>
public readonly record struct GapNow(bool MeetingNow, DateTimeOffset? NextMeeting)
{
    /// <summary>A gap with no meeting after it (the last of the day) is taken to last this long from the offer's start.</summary>
    public static readonly TimeSpan OpenGap = TimeSpan.FromMinutes(60);

    public DateTimeOffset GapEndFor(BreakOffer offer) => NextMeeting ?? offer.Start + OpenGap;
}

/// <summary>
/// The delivery job's one call point for calendar freshness: given the people of the offers it claimed, re-read the
/// calendars that changed since their last read (a change notification arrived) or were never read, through the calendar
/// sync's delta read, then say for each whether a meeting is on now and when their next one starts. So no nudge goes into
/// a meeting booked minutes before it.
/// </summary>
public sealed class DeliveryCalendarCheck(AppDbContext db, CalendarSync sync, TimeProvider clock, ILogger<DeliveryCalendarCheck> logger)
{
    /// <summary>How far ahead the check looks for the next meeting.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(12);

    public async Task<Dictionary<Guid, GapNow>> EnsureFreshCalendarsAsync(Guid tenantId, IReadOnlyCollection<Guid> people, CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        try
        {
            await sync.EnsureFreshAsync(tenantId, people, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The stored calendar is used as it is; a failing mailbox must not hold back everyone else's nudge.
            logger.LogWarning("Calendar re-read before a nudge failed: {Failure}", error.GetType().Name);
        }
        var now = clock.GetUtcNow();

        var horizon = now + Horizon;
        var entries = await db.CalendarEntries.AsNoTracking()
            .Where(c => people.Contains(c.EmployeeId) && c.End > now && c.Start < horizon && !c.IsCancelled && !c.IsAllDay
                        && c.Response != (int)ResponseStatus.Declined
                        && (c.ShowAs == (int)ShowAs.Busy || c.ShowAs == (int)ShowAs.Tentative || c.ShowAs == (int)ShowAs.OutOfOffice))
            .Select(c => new { c.EmployeeId, c.Start, c.End })
            .ToListAsync(cancellationToken);
        var byPerson = entries.ToLookup(e => e.EmployeeId);
        var result = new Dictionary<Guid, GapNow>();
        foreach (var person in people)
        {
            var theirs = byPerson[person].ToList();
            var meetingNow = theirs.Any(e => e.Start <= now && e.End > now);
            var next = theirs.Where(e => e.Start > now).Select(e => (DateTimeOffset?)e.Start).Min();
            result[person] = new GapNow(meetingNow, next);
        }
        return result;
    }
}
