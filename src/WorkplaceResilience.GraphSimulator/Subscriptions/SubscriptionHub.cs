using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Subscriptions;

/// <summary>A change-notification subscription on one mailbox's events.</summary>
internal sealed record SimSubscription(
    string Id, Guid UserId, string Resource, string ChangeType, string NotificationUrl, string? LifecycleNotificationUrl,
    string? ClientState, DateTimeOffset Expiration)
{
    /// <summary>With resource data: notifications carry the event, encrypted for this certificate's public key.</summary>
    public X509Certificate2? EncryptionCertificate { get; init; }
    public string? EncryptionCertificateId { get; init; }
    /// <summary>The resource's <c>$select</c>: the properties the encrypted event carries (null: all).</summary>
    public HashSet<string>? Select { get; init; }
    public bool IncludeResourceData => EncryptionCertificate is not null;
}

/// <summary>
/// Holds the subscriptions and really calls the subscribers: the validation handshake when a subscription is created,
/// change notifications (<c>changeNotificationCollection</c>) when a subscribed calendar changes, and lifecycle
/// events. Deliveries go out in the background, grouped per URL, retried a few times when the endpoint fails or is
/// slower than 3 s, as Graph does; faults can lose or duplicate them.
/// </summary>
internal sealed class SubscriptionHub : IAsyncDisposable
{
    /// <summary>Outlook resources: a subscription lives at most 10,080 minutes.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10080);

    /// <summary>Outlook resources with resource data in the notifications: at most 1,440 minutes.</summary>
    public static readonly TimeSpan MaxLifetimeWithResourceData = TimeSpan.FromMinutes(1440);

    /// <summary>The Microsoft Graph change-tracking application, the <c>azp</c> of validation tokens.</summary>
    public const string ChangeTrackingAppId = "0bf30f3b-4a52-48df-9a82-234910c4a086";

    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ValidationWithin = TimeSpan.FromSeconds(10);
    private const int MaxPerPost = 100;
    private const int Attempts = 3;

    private readonly ConcurrentDictionary<string, SimSubscription> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> byUser = new();
    private readonly Channel<Delivery> queue = Channel.CreateUnbounded<Delivery>();
    private readonly HttpClient http;
    private readonly Func<DateTimeOffset> now;
    private readonly Guid tenantId;
    private readonly FaultInjector faults;
    private readonly SemaphoreSlim posts = new(16);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly Lock idleGate = new();
    private long pending;
    private int disposed;
    private TaskCompletionSource idle = NewIdle(completed: true);

    private readonly Func<JsonObject, string> signToken;
    private readonly Func<string> issuer;
    private readonly string applicationId;

    /// <param name="signToken">Signs validation tokens (the simulator's token issuer, whose keys it publishes).</param>
    /// <param name="applicationId">The subscribing app: the audience of validation tokens.</param>
    public SubscriptionHub(HttpClient http, Func<DateTimeOffset> now, Guid tenantId, FaultInjector faults, Func<JsonObject, string> signToken, Func<string> issuer,
        string applicationId)
    {
        this.applicationId = applicationId;
        this.signToken = signToken;
        this.issuer = issuer;
        this.http = http;
        this.now = now;
        this.tenantId = tenantId;
        this.faults = faults;
        loop = Task.Run(DeliverAsync);
    }

    /// <summary>Change notifications that reached a subscriber (each delivery of a duplicate counts).</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    private long delivered;

    public IReadOnlyList<SimSubscription> All => byId.Values.ToList();

    public SimSubscription? Find(string id) => byId.TryGetValue(id, out var s) ? s : null;

    public void Add(SimSubscription subscription)
    {
        byId[subscription.Id] = subscription;
        byUser.GetOrAdd(subscription.UserId, _ => new())[subscription.Id] = 0;
    }

    public void Replace(SimSubscription subscription) => byId[subscription.Id] = subscription;

    public bool Remove(string id)
    {
        if (!byId.TryRemove(id, out var removed))
        {
            return false;
        }

        if (byUser.TryGetValue(removed.UserId, out var ids))
        {
            ids.TryRemove(id, out _);
        }

        return true;
    }

    /// <summary>POSTs <c>?validationToken=</c> to the URL; true when it answers 200 with the token as text within 10 s.</summary>
    public async Task<bool> ValidateAsync(string url)
    {
        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        var target = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "validationToken=" + Uri.EscapeDataString(token);
        using var timeout = new CancellationTokenSource(ValidationWithin);
        try
        {
            using var response = await http.PostAsync(target, new StringContent("", System.Text.Encoding.UTF8, "text/plain"), timeout.Token);
            return response.StatusCode == System.Net.HttpStatusCode.OK && await response.Content.ReadAsStringAsync(timeout.Token) == token;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Queues a change notification for every live subscription on this event's calendar.</summary>
    public void Notify(SimEvent changed, string changeType)
    {
        var (userId, eventId) = (changed.OwnerId, changed.Id);
        if (!byUser.TryGetValue(userId, out var ids))
        {
            return;
        }

        var at = now();
        foreach (var id in ids.Keys)
        {
            if (Find(id) is not { } subscription)
            {
                continue;
            }

            if (subscription.Expiration <= at)
            {
                // Graph stops delivering for an expired subscription and deletes it.
                Remove(id);
                continue;
            }

            if (!subscription.ChangeType.Split(',').Contains(changeType, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (faults.Roll(f => f.LostNotificationRate))
            {
                if (faults.Options.SignalMissed && subscription.LifecycleNotificationUrl is not null)
                {
                    Enqueue(new Delivery(subscription.LifecycleNotificationUrl, Lifecycle(subscription, "missed")));
                }

                continue;
            }

            var notification = Change(subscription, changed, changeType);
            Enqueue(new Delivery(subscription.NotificationUrl, notification));
            if (faults.Roll(f => f.DuplicateNotificationRate))
            {
                Enqueue(new Delivery(subscription.NotificationUrl, notification.DeepClone().AsObject()));
            }
        }
    }

    /// <summary>Sends a lifecycle event; <c>subscriptionRemoved</c> also removes the subscription.</summary>
    public bool RaiseLifecycleEvent(string subscriptionId, string lifecycleEvent)
    {
        if (Find(subscriptionId) is not { LifecycleNotificationUrl: { } url } subscription)
        {
            return false;
        }

        if (lifecycleEvent == "subscriptionRemoved")
        {
            Remove(subscriptionId);
        }

        Enqueue(new Delivery(url, Lifecycle(subscription, lifecycleEvent)));
        return true;
    }

    /// <summary>Completes once every queued delivery has been made (or given up).</summary>
    public Task WhenIdleAsync()
    {
        lock (idleGate)
        {
            return idle.Task;
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    private void Enqueue(Delivery delivery)
    {
        lock (idleGate)
        {
            if (pending++ == 0)
            {
                idle = NewIdle(completed: false);
            }
        }

        queue.Writer.TryWrite(delivery);
    }

    private void Done(int count)
    {
        lock (idleGate)
        {
            pending -= count;
            if (pending == 0)
            {
                idle.TrySetResult();
            }
        }
    }

    private JsonObject Change(SimSubscription s, SimEvent changed, string changeType)
    {
        var (userId, eventId) = (changed.OwnerId, changed.Id);
        var resource = $"Users/{userId}/Events/{eventId}";
        var notification = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["subscriptionId"] = s.Id,
            ["subscriptionExpirationDateTime"] = ODataQuery.Instant(s.Expiration),
            ["changeType"] = changeType,
            ["resource"] = resource,
            ["resourceData"] = new JsonObject
            {
                ["@odata.type"] = "#Microsoft.Graph.Event",
                ["@odata.id"] = resource,
                ["@odata.etag"] = $"W/\"{Convert.ToBase64String(Guid.NewGuid().ToByteArray())}\"",
                ["id"] = eventId,
            },
            ["clientState"] = s.ClientState,
            ["tenantId"] = tenantId.ToString(),
        };
        if (s.IncludeResourceData && changeType != "deleted")
        {
            // The event as of this change, $select applied, times in UTC, then encrypted as Graph does.
            var data = EventJson.Render(changed, TimeZoneInfo.Utc, "UTC", s.Select);
            data.Remove("@odata.etag");
            data["@odata.type"] = "#Microsoft.Graph.Event";
            data["@odata.id"] = resource;
            notification["encryptedContent"] = ResourceDataEncryption.Encrypt(data.ToJsonString(), s.EncryptionCertificate!, s.EncryptionCertificateId!);
        }

        return notification;
    }

    /// <summary>A validation token for a collection carrying resource data: a JWT from the simulator's issuer, as Graph's come from Entra.</summary>
    private string ValidationToken()
    {
        var at = now().ToUnixTimeSeconds();
        return signToken(new JsonObject
        {
            ["aud"] = applicationId,
            ["iss"] = issuer(),
            ["iat"] = at,
            ["nbf"] = at,
            ["exp"] = at + 3600,
            ["azp"] = ChangeTrackingAppId,
            ["azpacr"] = "2",
            ["tid"] = tenantId.ToString(),
            ["ver"] = "2.0",
        });
    }

    private JsonObject Lifecycle(SimSubscription s, string lifecycleEvent) => new()
    {
        ["subscriptionId"] = s.Id,
        ["subscriptionExpirationDateTime"] = ODataQuery.Instant(s.Expiration),
        ["tenantId"] = tenantId.ToString(),
        ["clientState"] = s.ClientState,
        ["lifecycleEvent"] = lifecycleEvent,
    };

    private async Task DeliverAsync()
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token))
            {
                var batch = new List<Delivery>();
                while (batch.Count < MaxPerPost * 16 && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                foreach (var group in batch.GroupBy(d => d.Url))
                {
                    foreach (var chunk in group.Chunk(MaxPerPost))
                    {
                        await posts.WaitAsync(stopping.Token);
                        _ = Task.Run(async () =>
                        {
                            try
                            {
                                await PostAsync(group.Key, chunk);
                            }
                            finally
                            {
                                posts.Release();
                                Done(chunk.Length);
                            }
                        });
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PostAsync(string url, Delivery[] chunk)
    {
        var body = new JsonObject { ["value"] = new JsonArray(chunk.Select(d => (JsonNode?)d.Notification).ToArray()) };
        if (chunk.Any(d => d.Notification["encryptedContent"] is not null))
        {
            body["validationTokens"] = new JsonArray(ValidationToken());
        }

        for (var attempt = 1; attempt <= Attempts && !stopping.IsCancellationRequested; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(AnswerWithin);
            try
            {
                using var response = await http.PostAsJsonAsync(url, body, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Add(ref delivered, chunk.Count(d => d.Notification["lifecycleEvent"] is null));
                    return;
                }

                if ((int)response.StatusCode is >= 400 and < 500 and not 429)
                {
                    return; // rejected: Graph does not retry a refusal
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        queue.Writer.TryComplete();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private sealed record Delivery(string Url, JsonObject Notification);
}
