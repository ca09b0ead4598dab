using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Subscriptions;

/// <summary>A change-notification subscription on one mailbox's events.</summary>
internal sealed record SimSubscription(
    string Id, Guid UserId, string Resource, string ChangeType, string NotificationUrl, string? LifecycleNotificationUrl,
    string? ClientState, DateTimeOffset Expiration);

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

    public SubscriptionHub(HttpClient http, Func<DateTimeOffset> now, Guid tenantId, FaultInjector faults)
    {
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

    /// <summary>Queues a change notification for every live subscription on this user's events.</summary>
    public void Notify(Guid userId, string eventId, string changeType)
    {
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

            var notification = Change(subscription, userId, eventId, changeType);
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

    private JsonObject Change(SimSubscription s, Guid userId, string eventId, string changeType)
    {
        var resource = $"Users/{userId}/Events/{eventId}";
        return new JsonObject
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
