using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>
/// One change-notification subscription per active person on their events: created a bounded number per run (paced),
/// each with its own random clientState (only its hash is stored), a lifecycleNotificationUrl, a lifetime of
/// <see cref="JobOptions.SubscriptionLifetime"/> (at most <see cref="MaxLifetimeWithResourceData"/> when the
/// notifications carry the event: <see cref="NotificationEncryption"/>), and renewed at a random moment late in it so
/// renewals spread out. People who left lose theirs.
/// </summary>
public sealed class CalendarSubscriptions(
    IServiceScopeFactory scopes, GraphClients graph, WebhookAddress webhook, NotificationEncryption encryption, IOptions<JobOptions> jobs,
    TimeProvider clock, ILogger<CalendarSubscriptions> logger)
{
    private const int InFlight = 4;

    /// <summary>Graph keeps an Outlook subscription with resource data at most 1,440 minutes; a little less leaves room for clock skew.</summary>
    public static readonly TimeSpan MaxLifetimeWithResourceData = TimeSpan.FromMinutes(1430);

    /// <summary>The only event properties a notification carries: what a stored block holds, never subject, body, location or attendees.</summary>
    public const string NotifiedProperties = "start,end,showAs,isAllDay,isCancelled,type,responseStatus,lastModifiedDateTime";

    /// <summary>Creates, renews and removes up to <see cref="JobOptions.SubscriptionsPerRun"/> subscriptions of a tenant; returns how many.</summary>
    public async Task<int> MaintainAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (webhook.NotificationUrl is not { } notificationUrl) return 0;
        var now = clock.GetUtcNow();
        List<CalendarSyncState> due;
        List<CalendarSyncState> leavers;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            var withoutState = await CalendarSync.Readable(db).Where(e => !db.CalendarSyncStates.Any(s => s.EmployeeId == e.Id))
                .Select(e => e.Id).Take(jobs.Value.SubscriptionsPerRun).ToListAsync(cancellationToken);
            await CalendarSync.EnsureStatesAsync(db, withoutState, now, cancellationToken);
            due = await db.CalendarSyncStates.AsNoTracking()
                .Where(s => s.RenewSubscriptionAt <= now && CalendarSync.Readable(db).Any(e => e.Id == s.EmployeeId))
                .OrderBy(s => s.RenewSubscriptionAt).Take(jobs.Value.SubscriptionsPerRun).ToListAsync(cancellationToken);
            leavers = await db.CalendarSyncStates.AsNoTracking()
                // People who left, or turned breaks off, are not listened to any more.
                .Where(s => s.SubscriptionId != null && !CalendarSync.Readable(db).Any(e => e.Id == s.EmployeeId))
                .Take(jobs.Value.SubscriptionsPerRun).ToListAsync(cancellationToken);
        }
        if (due.Count == 0 && leavers.Count == 0) return 0;

        var client = graph.For(tenantId);
        var work = due.Select(s => (Func<CancellationToken, Task>)(ct => RenewOrCreateAsync(client, tenantId, s, notificationUrl, ct)))
            .Concat(leavers.Select(s => (Func<CancellationToken, Task>)(ct => RemoveAsync(client, tenantId, s, ct))));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (step, ct) => await step(ct));
        logger.LogInformation("Calendar subscriptions of tenant {TenantId}: {Due} created or renewed, {Leavers} removed", tenantId, due.Count, leavers.Count);
        return due.Count + leavers.Count;
    }

    private async Task RenewOrCreateAsync(Microsoft.Graph.GraphServiceClient client, Guid tenantId, CalendarSyncState state, Uri notificationUrl,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var certificateId = encryption.Enabled ? encryption.CertificateId : null;
        var expires = now + (certificateId is not null && jobs.Value.SubscriptionLifetime > MaxLifetimeWithResourceData
            ? MaxLifetimeWithResourceData
            : jobs.Value.SubscriptionLifetime);
        try
        {
            if (state.SubscriptionId is not null && state.NotificationCertificateId != certificateId)
            {
                // Made before resource data was switched on or off, or for a certificate since replaced: make it anew.
                await RemoveAsync(client, tenantId, state, cancellationToken);
                state.SubscriptionId = null;
            }
            if (state.SubscriptionId is { } id)
            {
                try
                {
                    var renewed = await client.Subscriptions[id].PatchAsync(new Subscription { ExpirationDateTime = expires }, cancellationToken: cancellationToken);
                    await SaveAsync(tenantId, state.EmployeeId, id, state.ClientStateHash, certificateId, renewed?.ExpirationDateTime ?? expires, now, false,
                        cancellationToken);
                    return;
                }
                catch (ODataError error) when (error.ResponseStatusCode == 404)
                {
                    // Gone at Graph (expired or removed): make a new one below.
                }
            }

            var clientState = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var subscription = new Subscription
            {
                ChangeType = "created,updated,deleted",
                Resource = $"users/{state.EmployeeId}/events",
                NotificationUrl = notificationUrl.ToString(),
                LifecycleNotificationUrl = webhook.LifecycleUrl!.ToString(),
                ClientState = clientState,
                ExpirationDateTime = expires,
            };
            if (certificateId is not null)
            {
                // The notification then carries the changed event's times and flags, encrypted for our certificate: no read needed.
                subscription.Resource += "?$select=" + NotifiedProperties;
                subscription.IncludeResourceData = true;
                subscription.EncryptionCertificate = encryption.PublicCertificate;
                subscription.EncryptionCertificateId = certificateId;
            }
            var created = await client.Subscriptions.PostAsync(subscription, cancellationToken: cancellationToken);
            await SaveAsync(tenantId, state.EmployeeId, created!.Id!, WebhookAddress.Hash(clientState), certificateId, created.ExpirationDateTime ?? expires,
                now, true, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var failure = error is ODataError graphError ? $"subscription: Graph {graphError.ResponseStatusCode} {graphError.Error?.Code}" : $"subscription: {error.GetType().Name}";
            logger.LogWarning("A calendar subscription of tenant {TenantId} failed: {Failure}", tenantId, failure);
            using var scope = scopes.CreateScope();
            var retryAt = now + jobs.Value.SubscriptionRetryAfter;
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId).CalendarSyncStates
                .Where(s => s.EmployeeId == state.EmployeeId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RenewSubscriptionAt, retryAt).SetProperty(x => x.Failure, failure)
                    .SetProperty(x => x.FailedAt, now), cancellationToken);
        }
    }

    private async Task SaveAsync(Guid tenantId, Guid employeeId, string subscriptionId, string? clientStateHash, string? certificateId,
        DateTimeOffset expires, DateTimeOffset now, bool created, CancellationToken cancellationToken)
    {
        // Renewed at a random moment between three quarters and nine tenths of the lifetime: hours before expiry (a
        // failed renewal is retried well in time), spread out, and not much more often than the lifetime needs.
        var lifetime = expires - now;
        var renewAt = now + lifetime * (0.75 + Random.Shared.NextDouble() * 0.15);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        await db.CalendarSyncStates.Where(s => s.EmployeeId == employeeId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.SubscriptionId, subscriptionId)
            .SetProperty(x => x.ClientStateHash, clientStateHash)
            .SetProperty(x => x.SubscriptionExpiresAt, expires)
            .SetProperty(x => x.NotificationCertificateId, certificateId)
            .SetProperty(x => x.RenewSubscriptionAt, renewAt)
            .SetProperty(x => x.Failure, (string?)null), cancellationToken);
        // A new subscription sees only changes from now on: one delta round catches up on anything before it.
        if (created)
            await db.Employees.Where(e => e.Id == employeeId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, now), cancellationToken);
    }

    private async Task RemoveAsync(Microsoft.Graph.GraphServiceClient client, Guid tenantId, CalendarSyncState state, CancellationToken cancellationToken)
    {
        try
        {
            await client.Subscriptions[state.SubscriptionId].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning("Removing a calendar subscription of tenant {TenantId} failed: {Failure}", tenantId, error.GetType().Name);
            return;
        }
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId).CalendarSyncStates
            .Where(s => s.EmployeeId == state.EmployeeId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubscriptionId, (string?)null).SetProperty(x => x.ClientStateHash, (string?)null)
                .SetProperty(x => x.SubscriptionExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }
}
