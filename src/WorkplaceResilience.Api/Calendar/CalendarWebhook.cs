using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Calendar;

/// <summary>
/// Where Graph reaches the webhook: <c>Graph:WebhookBaseUrl</c> (the service's public https address), or in demo mode
/// this host's own address. Empty outside demo mode means no subscriptions: calendars are then polled.
/// </summary>
public sealed class WebhookAddress(IOptions<GraphOptions> graph, IOptions<DemoOptions> demo, IServer server)
{
    public const string PathPrefix = "/api/graph";
    public const string NotificationsPath = PathPrefix + "/notifications";
    public const string LifecyclePath = PathPrefix + "/lifecycle";

    public Uri? BaseUrl
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(graph.Value.WebhookBaseUrl)) return new Uri(graph.Value.WebhookBaseUrl);
            if (!demo.Value.Enabled) return null;
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
            foreach (var wildcard in new[] { "[::]", "0.0.0.0", "+", "*" })
                address = address.Replace("://" + wildcard, "://localhost", StringComparison.Ordinal);
            return new Uri(address);
        }
    }

    public Uri? NotificationUrl => BaseUrl is { } root ? new Uri(root, NotificationsPath) : null;
    public Uri? LifecycleUrl => BaseUrl is { } root ? new Uri(root, LifecyclePath) : null;

    public static string Hash(string clientState) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientState)));

    public static bool Matches(string? clientState, string? hash) =>
        clientState is not null && hash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(clientState)), Encoding.ASCII.GetBytes(hash));
}

/// <summary>What a verified notification asks for.</summary>
public enum CalendarSignal { Changed, Missed, ReauthorizationRequired, SubscriptionRemoved }

/// <summary>
/// A verified notification: what it asks for and, for a change, the event's id, the change type and (with resource
/// data) the event's encrypted state.
/// </summary>
public sealed record CalendarNotice(
    Guid TenantId, Guid EmployeeId, CalendarSignal Signal, string? EventId = null, string? ChangeType = null, EncryptedContent? Content = null);

/// <summary>Verified notifications waiting to be processed (the webhook answers first, then they are handled).</summary>
public sealed class CalendarChangeQueue
{
    private const int RememberedIds = 100_000;
    private readonly Channel<CalendarNotice> channel = Channel.CreateUnbounded<CalendarNotice>();
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> seenOrder = new();
    private long pending;

    /// <summary>Signals queued and not yet processed.</summary>
    public long Pending => Interlocked.Read(ref pending);

    /// <summary>Completes once every signal queued so far has been processed (tests and the benchmark wait on it).</summary>
    public async Task WhenProcessedAsync(CancellationToken cancellationToken)
    {
        while (Pending > 0) await Task.Delay(10, cancellationToken);
    }

    internal void Processed(int count) => Interlocked.Add(ref pending, -count);

    public ChannelReader<CalendarNotice> Reader => channel.Reader;

    /// <summary>Queues a signal; false for a notification id already queued (Graph delivers at least once).</summary>
    public bool Enqueue(Guid tenantId, Guid employeeId, CalendarSignal signal, string? notificationId) =>
        Enqueue(new CalendarNotice(tenantId, employeeId, signal), notificationId);

    /// <summary>Queues a notice; false for a notification id already queued (Graph delivers at least once).</summary>
    public bool Enqueue(CalendarNotice notice, string? notificationId)
    {
        if (notificationId is not null)
        {
            if (!seen.TryAdd(notificationId, 0)) return false;
            seenOrder.Enqueue(notificationId);
            while (seenOrder.Count > RememberedIds && seenOrder.TryDequeue(out var old)) seen.TryRemove(old, out _);
        }
        Interlocked.Increment(ref pending);
        channel.Writer.TryWrite(notice);
        return true;
    }
}

/// <summary>
/// The webhook Graph calls: <c>POST /api/graph/notifications</c> and <c>/api/graph/lifecycle</c>, anonymous (Graph
/// has no token for us) but each notification's clientState must match the hash stored for its subscription, and a
/// collection with resource data needs valid validation tokens (<see cref="NotificationValidationTokens"/>). It answers
/// the validation handshake with the token, and a batch with 202 as soon as the notifications are checked and queued;
/// <see cref="CalendarChangeProcessor"/> then marks the calendars changed.
/// </summary>
public static class CalendarWebhook
{
    public static void MapCalendarWebhook(this WebApplication app)
    {
        // Graph posts up to a few hundred notifications at once, each well under a kilobyte.
        var group = app.MapGroup(WebhookAddress.PathPrefix).AllowAnonymous().WithTags("Graph webhook")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(1 << 20));
        group.MapPost("/notifications", (HttpContext context, AppDbContext db, CalendarChangeQueue queue, NotificationValidationTokens tokens,
                TimeProvider clock, ILogger<CalendarChangeQueue> logger, CancellationToken ct) =>
            ReceiveAsync(context, db, queue, tokens, clock, logger, lifecycle: false, ct)).WithSummary("Graph change notifications (and their validation handshake).");
        group.MapPost("/lifecycle", (HttpContext context, AppDbContext db, CalendarChangeQueue queue, NotificationValidationTokens tokens,
                TimeProvider clock, ILogger<CalendarChangeQueue> logger, CancellationToken ct) =>
            ReceiveAsync(context, db, queue, tokens, clock, logger, lifecycle: true, ct)).WithSummary("Graph lifecycle events (and their validation handshake).");
    }

    private sealed record Notification(string? Id, Guid SubscriptionId, Guid TenantId, string? ClientState, string? LifecycleEvent,
        string? ChangeType, string? EventId, EncryptedContent? Content);

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, AppDbContext db, CalendarChangeQueue queue, NotificationValidationTokens tokens, TimeProvider clock, ILogger logger,
        bool lifecycle, CancellationToken ct)
    {
        // The handshake: echo the token as plain text (it is never interpreted, so it cannot inject markup).
        if (context.Request.Query["validationToken"] is { Count: > 0 } token)
            return Results.Text(token.ToString(), "text/plain", Encoding.UTF8, StatusCodes.Status200OK);

        List<Notification> notifications;
        List<string> validationTokens;
        try
        {
            (notifications, validationTokens) = await ParseAsync(context.Request.Body, ct);
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, title: "Not a change notification collection");
        }
        if (notifications.Count == 0) return Results.Problem(statusCode: 400, title: "No notifications");

        // Resource data is trusted only with a valid validation token from Graph for each of its tenants; otherwise the
        // whole collection is refused before anything is looked up or queued. A refusal (4xx) is not retried by Graph;
        // keys not fetched yet answer 503 so that Graph delivers again.
        var withData = notifications.Where(n => n.Content is not null).Select(n => n.TenantId).Distinct().ToList();
        if (withData.Count > 0)
        {
            var verdict = await tokens.CheckAsync(validationTokens, withData);
            if (verdict != TokenVerdict.Valid)
            {
                Telemetry.WebhookNotifications.Add(notifications.Count, new KeyValuePair<string, object?>("outcome", "rejected"));
                logger.LogWarning("Graph webhook: {Count} notifications with resource data rejected: {Reason}", notifications.Count,
                    verdict == TokenVerdict.KeysUnknown ? "the validation tokens' signing keys are not known yet" : "no valid validation token");
                if (verdict == TokenVerdict.KeysUnknown)
                {
                    context.Response.Headers.RetryAfter = "30";
                    return Results.Problem(statusCode: 503, title: "Validation token keys not available yet");
                }
                return Results.Problem(statusCode: 401, title: "Missing or invalid validation token");
            }
        }

        var accepted = 0;
        var notices = new List<(CalendarNotice Notice, string? Id)>();
        foreach (var tenant in notifications.GroupBy(n => n.TenantId))
        {
            var ids = tenant.Select(n => n.SubscriptionId.ToString()).Distinct().ToList();
            var subscriptions = await db.ForTenant(tenant.Key).CalendarSyncStates.AsNoTracking()
                .Where(s => s.SubscriptionId != null && ids.Contains(s.SubscriptionId))
                .Select(s => new { s.SubscriptionId, s.EmployeeId, s.ClientStateHash })
                .ToListAsync(ct);
            foreach (var notification in tenant)
            {
                var subscription = subscriptions.FirstOrDefault(s => string.Equals(s.SubscriptionId, notification.SubscriptionId.ToString(), StringComparison.OrdinalIgnoreCase));
                if (subscription is null || !WebhookAddress.Matches(notification.ClientState, subscription.ClientStateHash))
                {
                    Telemetry.WebhookNotifications.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"));
                    continue;
                }
                accepted++;
                var signal = !lifecycle ? CalendarSignal.Changed : notification.LifecycleEvent switch
                {
                    "reauthorizationRequired" => CalendarSignal.ReauthorizationRequired,
                    "subscriptionRemoved" => CalendarSignal.SubscriptionRemoved,
                    _ => CalendarSignal.Missed,
                };
                notices.Add((new CalendarNotice(tenant.Key, subscription.EmployeeId, signal, notification.EventId, notification.ChangeType,
                    notification.Content), notification.Id));
            }
            await RecordNotifiedAsync(db, clock, notices.Where(n => n.Notice.TenantId == tenant.Key).Select(n => n.Notice), logger, ct);
        }
        foreach (var (notice, id) in notices)
        {
            var queued = queue.Enqueue(notice, id);
            Telemetry.WebhookNotifications.Add(1, new KeyValuePair<string, object?>("outcome", queued ? "queued" : "duplicate"));
        }
        if (accepted == 0)
        {
            logger.LogWarning("Graph webhook: {Count} notifications with an unknown subscription or a wrong clientState rejected", notifications.Count);
            return Results.Problem(statusCode: 403, title: "Unknown subscription or wrong clientState");
        }
        return Results.Accepted();
    }

    /// <summary>How long the answer to Graph may wait for <see cref="RecordNotifiedAsync"/> (Graph wants it within 3 s).</summary>
    private static readonly TimeSpan NotifiedWriteTimeout = TimeSpan.FromSeconds(1);
    private const string SqliteNotifiedWriteBusyTimeout = "PRAGMA busy_timeout = 1000";

    /// <summary>
    /// Written before Graph gets its answer, so a change this instance accepts and then loses to a restart is still read
    /// (CalendarSync marks calendars whose notification nothing settled). The answer must stay fast: when the rows are
    /// locked longer than <see cref="NotifiedWriteTimeout"/> the mark is skipped and the notices are only queued.
    /// </summary>
    private static async Task RecordNotifiedAsync(AppDbContext db, TimeProvider clock, IEnumerable<CalendarNotice> notices, ILogger logger, CancellationToken ct)
    {
        var notified = notices.Where(n => n.Signal != CalendarSignal.ReauthorizationRequired).Select(n => n.EmployeeId).Distinct().ToList();
        if (notified.Count == 0) return;
        var now = clock.GetUtcNow();
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(NotifiedWriteTimeout);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // SQLite waits for locks inside itself (busy_timeout, set per connection as it opens), not by the command timeout.
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync(SqliteNotifiedWriteBusyTimeout, ct);
            await db.CalendarSyncStates.Where(s => notified.Contains(s.EmployeeId)).ExecuteUpdateAsync(s => s.SetProperty(x => x.NotifiedAt, now), ct);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Graph webhook: {Count} calendars not marked as notified in time ({Failure}); their notices are queued only",
                notified.Count, error.GetType().Name);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
            await db.Database.CloseConnectionAsync(); // back to the pool; the next open sets SQLite's usual busy_timeout again
        }
    }

    private static async Task<(List<Notification> Notifications, List<string> ValidationTokens)> ParseAsync(Stream body, CancellationToken ct)
    {
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            throw new JsonException("no value array");
        var result = new List<Notification>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            if (!Guid.TryParse(Text(item, "subscriptionId"), out var subscriptionId) || !Guid.TryParse(Text(item, "tenantId"), out var tenantId)) continue;
            var eventId = item.TryGetProperty("resourceData", out var data) && data.ValueKind == JsonValueKind.Object ? Text(data, "id") : null;
            result.Add(new Notification(Text(item, "id"), subscriptionId, tenantId, Text(item, "clientState"), Text(item, "lifecycleEvent"),
                Text(item, "changeType"), eventId, Encrypted(item)));
        }
        var tokens = json.RootElement.TryGetProperty("validationTokens", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList()
            : [];
        return (result, tokens);
    }

    private static EncryptedContent? Encrypted(JsonElement item) =>
        item.TryGetProperty("encryptedContent", out var content) && content.ValueKind == JsonValueKind.Object
        && Text(content, "data") is { } data && Text(content, "dataKey") is { } key && Text(content, "dataSignature") is { } signature
            ? new EncryptedContent(data, key, signature, Text(content, "encryptionCertificateId") ?? "")
            : null;

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Drains <see cref="CalendarChangeQueue"/>: a change that carries the event (or is a deletion) is applied to the stored
/// calendar and the plan at once (<see cref="CalendarNotifications"/>); any other change, or a missed notification, marks
/// the person's calendar changed and due now, so the sync reads it once however many notifications came;
/// reauthorizationRequired makes the subscription due for renewal; subscriptionRemoved drops it so a new one is made,
/// and marks the calendar changed.
/// </summary>
public sealed class CalendarChangeProcessor(
    CalendarChangeQueue queue, CalendarNotifications notifications, IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> jobs,
    ILogger<CalendarChangeProcessor> logger)
    : BackgroundService
{
    private const int MaxBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await DrainAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping (also when the host is disposed without being stopped first): not a failure.
        }
    }

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            var batch = new List<CalendarNotice>();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await ProcessAsync(batch, stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database failing: these calendars are read anyway when the window rolls; the next signals get through.
                logger.LogError(error, "Processing {Count} calendar change notifications failed", batch.Count);
            }
            finally
            {
                queue.Processed(batch.Count);
            }
        }
    }

    public async Task ProcessAsync(IReadOnlyList<CalendarNotice> batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var tenant in batch.GroupBy(b => b.TenantId))
        {
            // A person with any notice that needs a read is read (which brings all their changes); the rest are applied.
            var needRead = tenant.Where(b => b.Signal is CalendarSignal.Missed or CalendarSignal.SubscriptionRemoved
                    || (b.Signal == CalendarSignal.Changed && b.Content is null && b.ChangeType != "deleted"))
                .Select(b => b.EmployeeId).ToHashSet();
            var applicable = tenant.Where(b => b.Signal == CalendarSignal.Changed && !needRead.Contains(b.EmployeeId)).ToList();
            needRead.UnionWith(await notifications.ApplyAsync(tenant.Key, applicable, cancellationToken));

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenant.Key);
            var changed = needRead.ToList();
            var renew = tenant.Where(b => b.Signal == CalendarSignal.ReauthorizationRequired).Select(b => b.EmployeeId).Distinct().ToList();
            var removed = tenant.Where(b => b.Signal == CalendarSignal.SubscriptionRemoved).Select(b => b.EmployeeId).Distinct().ToList();
            if (changed.Count > 0)
            {
                await db.CalendarSyncStates.Where(s => changed.Contains(s.EmployeeId))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ChangedAt, now), cancellationToken);
                var coalescing = jobs.Value.CalendarChangeCoalescing;
                if (coalescing <= TimeSpan.Zero)
                    await db.Employees.Where(e => changed.Contains(e.Id) && e.NextCalendarSyncAt > now)
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, now), cancellationToken);
                else
                {
                    // Read no sooner than the coalescing interval after the last read: the changes of that span go in one read.
                    foreach (var employee in await db.Employees.Where(e => changed.Contains(e.Id)).ToListAsync(cancellationToken))
                    {
                        var due = employee.CalendarSyncedAt is { } read && read + coalescing > now ? read + coalescing : now;
                        if (due < employee.NextCalendarSyncAt) employee.NextCalendarSyncAt = due;
                    }
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            if (renew.Count > 0)
                await db.CalendarSyncStates.Where(s => renew.Contains(s.EmployeeId))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.RenewSubscriptionAt, now), cancellationToken);
            if (removed.Count > 0)
                await db.CalendarSyncStates.Where(s => removed.Contains(s.EmployeeId))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.SubscriptionId, (string?)null).SetProperty(x => x.ClientStateHash, (string?)null)
                        .SetProperty(x => x.SubscriptionExpiresAt, (DateTimeOffset?)null).SetProperty(x => x.RenewSubscriptionAt, now), cancellationToken);
            Telemetry.CalendarChangesMarked.Add(changed.Count);
        }
    }
}
