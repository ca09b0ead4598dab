using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>
/// Applies change notifications that carry the event (subscriptions with resource data) straight to the stored
/// calendar and re-plans the person, with no Graph read: a single event, occurrence or exception is stored (times,
/// show-as, flags and the keyed hash of its id, as a read would), a deleted one removed. What cannot be decided from one
/// notification (a series master: its occurrences changed; content that does not decrypt or parse) is left to a read.
/// </summary>
public sealed class CalendarNotifications(
    IServiceScopeFactory scopes, NotificationEncryption encryption, EventIdHasher hasher, TimeProvider clock, ILogger<CalendarNotifications> logger)
{
    private const int RememberedDeletions = 100_000;

    /// <summary>
    /// Events deleted lately (keyed hash, when the deletion was seen): a notification of an earlier change that arrives
    /// after the deletion must not bring the block back. In memory: what a restart forgets, the nightly fresh round mends.
    /// </summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> deletions = new(StringComparer.Ordinal);

    /// <summary>Applies what can be applied and re-plans those people; returns the people whose calendars need a read.</summary>
    public async Task<IReadOnlyCollection<Guid>> ApplyAsync(Guid tenantId, IReadOnlyList<CalendarNotice> notices, CancellationToken cancellationToken)
    {
        if (notices.Count == 0) return [];
        var now = clock.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var ids = notices.Select(n => n.EmployeeId).Distinct().ToList();
        var employees = await CalendarSync.Readable(db).AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);

        var undecided = new HashSet<Guid>();
        var byPerson = new Dictionary<Guid, List<NotifiedEvent>>();
        foreach (var notice in notices)
        {
            // Someone who left or turned breaks off has no calendar kept.
            if (!employees.TryGetValue(notice.EmployeeId, out var employee) || undecided.Contains(employee.Id)) continue;
            if (Decode(tenantId, notice, LocalTime.Find(employee.TimeZone), now) is not { } notified)
            {
                undecided.Add(employee.Id);
                continue;
            }
            if (!byPerson.TryGetValue(employee.Id, out var list)) byPerson[employee.Id] = list = [];
            list.Add(notified);
        }

        var store = scope.ServiceProvider.GetRequiredService<CalendarStore>();
        var planning = scope.ServiceProvider.GetRequiredService<OfferPlanning>();
        PlannerSettings? settings = null;
        foreach (var (employeeId, events) in byPerson)
        {
            if (undecided.Contains(employeeId)) continue;
            var current = events.Where(e => e.Event is null || !DeletedSince(e.EventHash, e.Event.LastModified)).ToList();
            try
            {
                if (!await store.ApplyNotifiedAsync(tenantId, employeeId, current, now, cancellationToken))
                {
                    undecided.Add(employeeId);
                    continue;
                }
                Telemetry.CalendarChangesApplied.Add(current.Count);
                settings ??= await planning.SettingsAsync(tenantId, cancellationToken);
                var employee = employees[employeeId];
                var today = LocalTime.TodayFor(LocalTime.Find(employee.TimeZone), now);
                await planning.PlanAsync(tenantId, employee, [today, today.AddDays(1)], settings, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One person's failure must not stop the others: their calendar is read instead.
                logger.LogWarning("Applying a calendar change notification failed: {Failure}", error.GetType().Name);
                db.ChangeTracker.Clear();
                undecided.Add(employeeId);
            }
        }
        return undecided;
    }

    /// <summary>The event a notification carries, or null when it cannot be decided without a read.</summary>
    private NotifiedEvent? Decode(Guid tenantId, CalendarNotice notice, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (notice.EventId is null) return null;
        var hash = hasher.Hash(tenantId, notice.EventId);
        if (notice.ChangeType == "deleted")
        {
            Remember(hash, now);
            return new NotifiedEvent(hash, null);
        }
        if (notice.Content is null) return null;

        Event? e;
        try
        {
            using var json = JsonDocument.Parse(encryption.Decrypt(notice.Content));
            e = new JsonParseNode(json.RootElement).GetObjectValue(Event.CreateFromDiscriminatorValue);
        }
        catch (Exception error) when (error is CryptographicException or JsonException or FormatException or InvalidOperationException)
        {
            // Not ours, altered, or not an event: a read finds out what changed.
            logger.LogWarning("A calendar change notification's resource data was refused: {Failure}", error.GetType().Name);
            return null;
        }
        // A series master stands for its occurrences, which a read lists; anything without usable times likewise.
        if (e?.Id != notice.EventId || e.Type is EventType.SeriesMaster || CalendarReader.ToBlock(e, zone) is not { } block) return null;
        return new NotifiedEvent(hash, new SyncedEvent(block, e.LastModifiedDateTime));
    }

    private void Remember(string hash, DateTimeOffset at)
    {
        deletions[hash] = at;
        if (deletions.Count <= RememberedDeletions) return;
        var cutoff = at.AddHours(-1);
        foreach (var (key, seen) in deletions)
            if (seen < cutoff) deletions.TryRemove(key, out _);
    }

    private bool DeletedSince(string hash, DateTimeOffset? lastModified) =>
        deletions.TryGetValue(hash, out var deletedAt) && (lastModified is null || lastModified <= deletedAt);
}
