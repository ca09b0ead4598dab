using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using WorkplaceResilience.GraphSimulator.Calendar;
using WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

namespace WorkplaceResilience.GraphSimulator.Tests;

/// <summary>Subscriptions really call the subscriber: handshake, change notifications, lifecycle events; payloads match the CSDL.</summary>
public sealed class SubscriptionTests : IAsyncLifetime
{
    private const string Hook = "https://service.example/api/graph/notifications";
    private const string Lifecycle = "https://service.example/api/graph/lifecycle";
    private readonly WebhookRecorder webhook = new();
    private readonly FixedClock clock = new(SimulatorFixture.Now);
    private GraphSimulatorServer server = null!;
    private Microsoft.Graph.GraphServiceClient client = null!;

    public async Task InitializeAsync()
    {
        server = await GraphSimulatorServer.StartAsync(new SimulatorOptions { Clock = clock, EmployeeCount = 30, WebhookClient = new HttpClient(webhook) });
        client = GraphClients.Create(server);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Task<Subscription?> SubscribeAsync(Guid userId, string? clientState = "secret-1", TimeSpan? lifetime = null) =>
        client.Subscriptions.PostAsync(new Subscription
        {
            ChangeType = "created,updated,deleted",
            Resource = $"users/{userId}/events",
            NotificationUrl = Hook,
            LifecycleNotificationUrl = Lifecycle,
            ClientState = clientState,
            ExpirationDateTime = clock.Now + (lifetime ?? TimeSpan.FromHours(48)),
        });

    private static void AssertShape(JsonElement item, string type)
    {
        var allowed = Csdl.Instance.Properties(type);
        foreach (var property in item.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
        {
            Assert.True(allowed.Contains(property.Name), $"'{property.Name}' is not a property of microsoft.graph.{type}");
        }
    }

    [Fact]
    public async Task Creating_validates_both_urls_then_changes_are_posted_with_the_client_state()
    {
        var user = server.Tenant.Users[3];
        var subscription = await SubscribeAsync(user.Id);
        Assert.NotNull(subscription?.Id);
        Assert.Equal(2, webhook.Validations.Count);
        Assert.Equal(1, server.RequestCount("subscriptions"));

        var start = clock.Now.AddHours(2);
        var id = server.AddEvent(user.Id, start, start.AddMinutes(30), "Planning");
        server.MoveEvent(user.Id, id, start.AddHours(1), start.AddHours(2));
        server.DeleteEvent(user.Id, id);
        await server.WhenNotificationsDeliveredAsync();

        var notifications = webhook.Notifications("/api/graph/notifications").ToList();
        // Each change is posted on its own, concurrently, as Graph does: no order is promised, so none is asserted.
        Assert.Equal(["created", "deleted", "updated"], notifications.Select(n => n.GetProperty("changeType").GetString()).Order());
        Assert.All(notifications, n =>
        {
            AssertShape(n, "changeNotification");
            Assert.Equal("secret-1", n.GetProperty("clientState").GetString());
            Assert.Equal(subscription!.Id, n.GetProperty("subscriptionId").GetString());
            Assert.Equal(server.Tenant.TenantId.ToString(), n.GetProperty("tenantId").GetString());
            Assert.EndsWith($"/Events/{id}", n.GetProperty("resource").GetString());
        });
        Assert.All(webhook.Posts, p => AssertShape(p.Body, "changeNotificationCollection"));
        Assert.Equal(3, server.NotificationsDelivered);
    }

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        return new CertificateRequest("CN=subscriber", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private Task<Subscription?> SubscribeWithDataAsync(Guid userId, X509Certificate2? certificate, TimeSpan lifetime) =>
        client.Subscriptions.PostAsync(new Subscription
        {
            ChangeType = "created,updated,deleted",
            Resource = $"users/{userId}/events?$select=start,end,showAs,type,lastModifiedDateTime",
            NotificationUrl = Hook,
            ClientState = "secret-2",
            ExpirationDateTime = clock.Now + lifetime,
            IncludeResourceData = true,
            EncryptionCertificate = certificate is null ? null : Convert.ToBase64String(certificate.Export(X509ContentType.Cert)),
            EncryptionCertificateId = "cert-1",
        });

    [Fact]
    public async Task With_resource_data_a_certificate_is_required_and_the_lifetime_is_at_most_a_day()
    {
        var user = server.Tenant.Users[4];
        using var certificate = NewCertificate();
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => SubscribeWithDataAsync(user.Id, null, TimeSpan.FromHours(20)))).ResponseStatusCode);
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => SubscribeWithDataAsync(user.Id, certificate, TimeSpan.FromHours(25)))).ResponseStatusCode);
        var subscription = await SubscribeWithDataAsync(user.Id, certificate, TimeSpan.FromHours(23));
        Assert.True(subscription!.IncludeResourceData);
        var renewal = client.Subscriptions[subscription.Id].PatchAsync(new Subscription { ExpirationDateTime = clock.Now.AddHours(30) });
        Assert.Equal(400, (await Assert.ThrowsAsync<ODataError>(() => renewal)).ResponseStatusCode);
    }

    [Fact]
    public async Task With_resource_data_a_change_carries_the_selected_event_encrypted_for_the_certificate_and_a_signed_validation_token()
    {
        var user = server.Tenant.Users[5];
        using var certificate = NewCertificate();
        await SubscribeWithDataAsync(user.Id, certificate, TimeSpan.FromHours(23));
        var start = clock.Now.AddHours(2);
        var id = server.AddEvent(user.Id, start, start.AddMinutes(30), "Secret topic");
        await server.WhenNotificationsDeliveredAsync();

        var post = Assert.Single(webhook.Posts);
        AssertShape(post.Body, "changeNotificationCollection");
        var token = Assert.Single(post.Body.GetProperty("validationTokens").EnumerateArray()).GetString()!;
        var claims = JsonDocument.Parse(Base64UrlDecode(token.Split('.')[1])).RootElement;
        Assert.Equal("0bf30f3b-4a52-48df-9a82-234910c4a086", claims.GetProperty("azp").GetString());
        Assert.Equal(new SimulatorOptions().ApplicationId, claims.GetProperty("aud").GetString()); // the subscribing app
        Assert.Equal(server.IssuerFor(server.Tenant.TenantId), claims.GetProperty("iss").GetString());

        var notification = Assert.Single(post.Body.GetProperty("value").EnumerateArray());
        AssertShape(notification, "changeNotification");
        var content = notification.GetProperty("encryptedContent");
        AssertShape(content, "changeNotificationEncryptedContent");
        Assert.Equal("cert-1", content.GetProperty("encryptionCertificateId").GetString());
        Assert.Equal(certificate.Thumbprint, content.GetProperty("encryptionCertificateThumbprint").GetString());

        using var rsa = certificate.GetRSAPrivateKey()!;
        var key = rsa.Decrypt(Convert.FromBase64String(content.GetProperty("dataKey").GetString()!), RSAEncryptionPadding.OaepSHA1);
        var data = Convert.FromBase64String(content.GetProperty("data").GetString()!);
        Assert.Equal(Convert.FromBase64String(content.GetProperty("dataSignature").GetString()!), HMACSHA256.HashData(key, data));
        using var aes = Aes.Create();
        aes.Key = key;
        var resource = JsonDocument.Parse(aes.DecryptCbc(data, key.AsSpan(0, 16), PaddingMode.PKCS7)).RootElement;
        AssertShape(resource, "event");
        Assert.Equal(id, resource.GetProperty("id").GetString());
        Assert.Equal(["end", "id", "lastModifiedDateTime", "showAs", "start", "type"],
            resource.EnumerateObject().Select(p => p.Name).Where(n => !n.StartsWith('@')).Order());
        Assert.Equal("UTC", resource.GetProperty("start").GetProperty("timeZone").GetString());
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    [Fact]
    public async Task A_url_that_fails_the_handshake_is_refused()
    {
        webhook.AnswerValidation = false;
        var error = await Assert.ThrowsAsync<ODataError>(() => SubscribeAsync(server.Tenant.Users[0].Id));
        Assert.Equal(400, error.ResponseStatusCode);
        Assert.Empty(server.Subscriptions);
    }

    [Fact]
    public async Task Expiry_beyond_the_outlook_maximum_is_refused_and_renewal_moves_it()
    {
        var user = server.Tenant.Users[1];
        var error = await Assert.ThrowsAsync<ODataError>(() => SubscribeAsync(user.Id, lifetime: TimeSpan.FromDays(8)));
        Assert.Equal(400, error.ResponseStatusCode);

        var subscription = await SubscribeAsync(user.Id);
        var renewed = await client.Subscriptions[subscription!.Id].PatchAsync(new Subscription { ExpirationDateTime = clock.Now.AddHours(60) });
        Assert.Equal(clock.Now.AddHours(60), renewed!.ExpirationDateTime);
        var raw = await (await GraphClients.RawAsync(server)).GetJsonAsync($"{server.GraphBaseUrl}/subscriptions/{subscription.Id}");
        AssertShape(raw, "subscription");

        await client.Subscriptions[subscription.Id].DeleteAsync();
        var gone = await Assert.ThrowsAsync<ODataError>(() => client.Subscriptions[subscription.Id].GetAsync());
        Assert.Equal(404, gone.ResponseStatusCode);
    }

    [Fact]
    public async Task An_expired_subscription_is_not_notified()
    {
        var user = server.Tenant.Users[2];
        await SubscribeAsync(user.Id, lifetime: TimeSpan.FromHours(1));
        clock.Now = clock.Now.AddHours(2);
        server.AddEvent(user.Id, clock.Now.AddHours(1), clock.Now.AddHours(2), "Late");
        await server.WhenNotificationsDeliveredAsync();
        Assert.Empty(webhook.Notifications("/api/graph/notifications"));
        Assert.Empty(server.Subscriptions);
    }

    [Fact]
    public async Task Lifecycle_events_go_to_the_lifecycle_url_and_removal_ends_the_subscription()
    {
        var subscription = await SubscribeAsync(server.Tenant.Users[4].Id);
        Assert.True(server.RaiseLifecycleEvent(subscription!.Id!, "reauthorizationRequired"));
        Assert.True(server.RaiseLifecycleEvent(subscription.Id!, "subscriptionRemoved"));
        await server.WhenNotificationsDeliveredAsync();

        var events = webhook.Notifications("/api/graph/lifecycle").ToList();
        // Delivered concurrently, as Graph does: no order is promised.
        Assert.Equal(["reauthorizationRequired", "subscriptionRemoved"], events.Select(e => e.GetProperty("lifecycleEvent").GetString()).Order());
        Assert.All(events, e =>
        {
            AssertShape(e, "changeNotification");
            Assert.Contains(e.GetProperty("lifecycleEvent").GetString()!, Csdl.Instance.EnumMembers("lifecycleEventType"));
        });
        Assert.Empty(server.Subscriptions);
    }

    [Fact]
    public async Task A_lost_notification_is_signalled_as_missed()
    {
        var user = server.Tenant.Users[5];
        await SubscribeAsync(user.Id);
        server.Faults = new FaultOptions { LostNotificationRate = 1 };
        server.AddEvent(user.Id, clock.Now.AddHours(1), clock.Now.AddHours(2), "Lost");
        await server.WhenNotificationsDeliveredAsync();
        Assert.Empty(webhook.Notifications("/api/graph/notifications"));
        Assert.Equal("missed", Assert.Single(webhook.Notifications("/api/graph/lifecycle")).GetProperty("lifecycleEvent").GetString());
    }

    [Fact]
    public async Task Injected_failures_are_429_503_and_504_and_expired_delta_tokens_are_410()
    {
        using var http = await GraphClients.RawAsync(server);
        var user = server.Tenant.Users[6];
        server.Faults = new FaultOptions { FailureRate = 1 };
        var statuses = new HashSet<int>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await http.GetAsync($"{server.GraphBaseUrl}/users/{user.Id}/mailboxSettings");
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        Assert.Equal([429, 503, 504], statuses.Order());

        server.Faults = FaultOptions.None;
        var first = await http.GetJsonAsync(
            $"{server.GraphBaseUrl}/users/{user.Id}/calendarView/delta?startDateTime=2026-11-18T00:00:00Z&endDateTime=2026-11-25T00:00:00Z");
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        while (true)
        {
            var page = await http.GetJsonAsync(next);
            if (page.TryGetProperty("@odata.deltaLink", out var delta))
            {
                next = delta.GetString()!;
                break;
            }

            next = page.GetProperty("@odata.nextLink").GetString()!;
        }

        server.ExpireDeltaTokens();
        using var expired = await http.GetAsync(next);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("syncStateNotFound", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Churn_makes_about_fifteen_changes_per_person_over_the_working_day_and_notifies_them()
    {
        var people = server.Tenant.Users.Take(4).Select(u => u.Id).ToList();
        foreach (var person in people) await SubscribeAsync(person);
        var churn = new CalendarChurn(server, seed: 3);
        var plan = churn.PlanDay(DateOnly.FromDateTime(clock.Now.UtcDateTime), people: people);
        Assert.Equal(60, plan.Count);
        Assert.All(people, p => Assert.Equal(15, plan.Count(c => c.UserId == p)));

        clock.Now = plan[^1].At;
        Assert.Equal(60, churn.ApplyDue(clock.Now));
        Assert.Null(churn.NextAt);
        await server.WhenNotificationsDeliveredAsync();
        Assert.Equal(60, webhook.Notifications("/api/graph/notifications").Count());
        Assert.Contains(churn.Applied, c => c.Kind == ChurnKind.Move);
        Assert.Contains(churn.Applied, c => c.Kind == ChurnKind.Delete);
    }
}
