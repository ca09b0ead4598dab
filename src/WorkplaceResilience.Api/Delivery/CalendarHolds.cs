using Microsoft.EntityFrameworkCore;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// The optional calendar hold (a person setting, off by default): once a break is sent, a private "Pause" event, shown
/// as busy, covers the practice in the person's calendar from the nudge on, so that colleagues see the minutes taken and
/// Teams shows the person busy while they practise. It is removed when the offer is skipped, snoozed, cancelled or
/// expires, or when a meeting now overlaps it (the gap disappeared). Only the hold's Graph id (to delete it) and its
/// keyed hash (so the calendar sync never reads it back as a busy block) are stored, on the offer. An offer gets one hold
/// at most: once removed, its id is cleared and its hash stays, so it is not written again (after a snooze, for one).
/// </summary>
public sealed class CalendarHolds(IServiceScopeFactory scopes, GraphClients graph, EventIdHasher hasher, TimeProvider clock,
    ILogger<CalendarHolds> logger)
{
    public const string Title = "Pause";
    /// <summary>Holds written or removed per tenant per delivery run (each is one Graph call to the person's mailbox).</summary>
    private const int PerRun = 200;

    private static readonly OfferStatus[] Ended =
        [OfferStatus.Skipped, OfferStatus.Snoozed, OfferStatus.Cancelled, OfferStatus.Expired];

    /// <summary>Removes holds that must go, then writes the holds of offers just sent; returns (written, removed).</summary>
    public async Task<(int Written, int Removed)> KeepAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var client = graph.For(tenantId);
        var now = clock.GetUtcNow();

        var removed = 0;
        foreach (var offer in await HoldsToRemoveAsync(db, now, cancellationToken))
        {
            try
            {
                await client.Users[offer.EmployeeId.ToString()].Events[offer.HoldEventId].DeleteAsync(cancellationToken: cancellationToken);
            }
            catch (ODataError error) when (error.ResponseStatusCode == 404)
            {
                // Already gone (the person deleted it): nothing left to remove.
            }
            catch (ODataError error)
            {
                logger.LogWarning("A calendar hold could not be removed ({Status}); tried again next run", error.ResponseStatusCode);
                continue;
            }
            removed += await db.BreakOffers.Where(o => o.Id == offer.Id && o.HoldEventId == offer.HoldEventId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.HoldEventId, (string?)null), cancellationToken);
        }

        var written = 0;
        foreach (var offer in await HoldsToWriteAsync(db, now, cancellationToken))
        {
            var (start, end) = HoldTime(offer);
            Event created;
            try
            {
                created = (await client.Users[offer.EmployeeId.ToString()].Events.PostAsync(new Event
                {
                    Subject = Title,
                    Start = new DateTimeTimeZone { DateTime = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"), TimeZone = "UTC" },
                    End = new DateTimeTimeZone { DateTime = end.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"), TimeZone = "UTC" },
                    ShowAs = FreeBusyStatus.Busy,
                    Sensitivity = Sensitivity.Private,
                    IsReminderOn = false,
                }, cancellationToken: cancellationToken))!;
            }
            catch (ODataError error)
            {
                logger.LogWarning("A calendar hold could not be written ({Status}); tried again next run", error.ResponseStatusCode);
                continue;
            }
            var id = created.Id!;
            var hash = hasher.Hash(tenantId, id);
            written += await db.BreakOffers.Where(o => o.Id == offer.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.HoldEventId, id).SetProperty(o => o.HoldEventHash, hash), cancellationToken);
            // A calendar read that ran meanwhile may have stored the hold as a busy block: it goes.
            await db.CalendarEntries.Where(c => c.EmployeeId == offer.EmployeeId && c.EventHash == hash).ExecuteDeleteAsync(cancellationToken);
        }
        if (written + removed > 0) logger.LogInformation("Calendar holds: {Written} written, {Removed} removed", written, removed);
        return (written, removed);
    }

    /// <summary>From the nudge for the practice's length, within the gap.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) HoldTime(BreakOffer offer)
    {
        var start = offer.DeliveredAt ?? offer.Start;
        var end = start.AddMinutes(offer.LengthMinutes);
        return (start, offer.GapEnd is { } gapEnd && gapEnd < end ? gapEnd : end);
    }

    /// <summary>Offers sent to people who asked for holds, never given one, whose practice time is still ahead.</summary>
    private static async Task<List<BreakOffer>> HoldsToWriteAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var earliest = now.AddMinutes(-BreakOffer.Lengths[^1]);
        var candidates = await db.BreakOffers.AsNoTracking()
            .Where(o => o.HoldEventHash == null && (o.Status == OfferStatus.Delivered || o.Status == OfferStatus.Started)
                && o.DeliveredAt != null && o.DeliveredAt > earliest
                && db.PersonSettings.Any(s => s.EmployeeId == o.EmployeeId && s.CalendarHold))
            .OrderBy(o => o.DeliveredAt).Take(PerRun).ToListAsync(cancellationToken);
        return candidates.Where(o => HoldTime(o).End > now).ToList();
    }

    /// <summary>Holds whose offer ended without the practice, or whose time a meeting (not the hold itself) now overlaps.</summary>
    private static async Task<List<BreakOffer>> HoldsToRemoveAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ended = await db.BreakOffers.AsNoTracking()
            .Where(o => o.HoldEventId != null && Ended.Contains(o.Status))
            .Take(PerRun).ToListAsync(cancellationToken);
        var recent = now.AddMinutes(-BreakOffer.Lengths[^1]);
        var current = await db.BreakOffers.AsNoTracking()
            .Where(o => o.HoldEventId != null && !Ended.Contains(o.Status) && o.DeliveredAt > recent)
            .Take(PerRun).ToListAsync(cancellationToken);
        var people = current.Select(o => o.EmployeeId).Distinct().ToList();
        var meetings = (await db.CalendarEntries.AsNoTracking()
                .Where(c => people.Contains(c.EmployeeId) && c.End > recent && !c.IsCancelled && !c.IsAllDay
                    && c.Response != (int)Core.Planning.ResponseStatus.Declined
                    && c.ShowAs != (int)Core.Planning.ShowAs.Free && c.ShowAs != (int)Core.Planning.ShowAs.WorkingElsewhere)
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.EmployeeId);
        var gapGone = current.Where(o =>
        {
            var (start, end) = HoldTime(o);
            return end > now && meetings[o.EmployeeId].Any(m => m.EventHash != o.HoldEventHash && m.Start < end && m.End > start);
        });
        return [.. ended, .. gapGone];
    }
}
