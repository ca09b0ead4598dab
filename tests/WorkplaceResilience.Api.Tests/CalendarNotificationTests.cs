using System.Security.Cryptography.X509Certificates;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.GraphSimulator;
using WorkplaceResilience.GraphSimulator.Subscriptions;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// Change notifications with resource data, end to end through the simulator: the event a notification carries reaches
/// the stored calendar and the plan with no Graph read; what one notification cannot settle falls back to a delta read.
/// </summary>
public abstract class CalendarNotificationTests(DatabaseKind kind)
{
    private static async Task<ApiHost> SubscribedHostAsync(DatabaseKind kind, bool withoutProcessor = false)
    {
        // Without the processor, accepted notifications stay queued in memory forever: an instance that stopped right
        // after answering Graph.
        var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 12, configure: withoutProcessor
            ? b => b.ConfigureTestServices(services => services.Remove(services.Single(d =>
                d.ServiceType == typeof(IHostedService) && d.ImplementationFactory?.Method.ReturnType == typeof(CalendarChangeProcessor))))
            : null);
        _ = host.Server;
        await host.SyncEverythingAsync();
        await host.Services.GetRequiredService<CalendarSubscriptions>().MaintainAsync(host.TenantId, CancellationToken.None);
        await host.SyncEverythingAsync();
        return host;
    }

    /// <summary>Graph requests that read or write anything (tokens and $batch envelopes aside).</summary>
    private static long GraphRequests(GraphSimulatorServer simulator) =>
        simulator.RequestCounts.Where(c => c.Key is not ("batch" or "token")).Sum(c => c.Value);

    private static async Task SettleAsync(ApiHost host)
    {
        await host.Simulator.WhenNotificationsDeliveredAsync();
        await host.Services.GetRequiredService<CalendarChangeQueue>().WhenProcessedAsync(CancellationToken.None);
    }

    private static async Task<List<CalendarEntry>> StoredAsync(ApiHost host, Guid employeeId)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).CalendarEntries.AsNoTracking()
            .Where(c => c.EmployeeId == employeeId).ToListAsync();
    }

    private static string Hash(ApiHost host, string eventId) => host.Services.GetRequiredService<EventIdHasher>().Hash(host.TenantId, eventId);

    /// <summary>A busy half hour as Graph sends it in a notification: encrypted for the host's certificate.</summary>
    private static JsonObject EncryptedEvent(ApiHost host, string eventId, DateTimeOffset start, DateTimeOffset modified)
    {
        var encryption = host.Services.GetRequiredService<NotificationEncryption>();
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encryption.PublicCertificate));
        var json = new JsonObject
        {
            ["id"] = eventId, ["type"] = "singleInstance", ["showAs"] = "busy", ["isAllDay"] = false, ["isCancelled"] = false,
            ["lastModifiedDateTime"] = modified.ToString("o"),
            ["start"] = new JsonObject { ["dateTime"] = start.UtcDateTime.ToString("s"), ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = start.UtcDateTime.AddMinutes(30).ToString("s"), ["timeZone"] = "UTC" },
        };
        return ResourceDataEncryption.Encrypt(json.ToJsonString(), certificate, encryption.CertificateId);
    }

    [Fact]
    public async Task Subscriptions_ask_for_encrypted_resource_data_with_only_the_stored_properties_and_a_lifetime_under_a_day()
    {
        await using var host = await SubscribedHostAsync(kind);
        var subscription = Assert.Single(host.Simulator.Subscriptions, s => s.UserId == host.Simulator.Tenant.Users[0].Id);
        Assert.EndsWith("/events?$select=" + CalendarSubscriptions.NotifiedProperties, subscription.Resource);
        foreach (var text in new[] { "subject", "body", "location", "attendees", "organizer" })
            Assert.DoesNotContain(text, CalendarSubscriptions.NotifiedProperties, StringComparison.OrdinalIgnoreCase);
        Assert.True(subscription.Expiration <= host.Clock.GetUtcNow().AddMinutes(1440));
    }

    [Fact]
    public async Task An_event_booked_five_minutes_before_a_nudge_moves_the_offer_with_no_Graph_read()
    {
        await using var host = await SubscribedHostAsync(kind);
        var now = host.Clock.GetUtcNow();
        BreakOffer offer;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            // An offer still hours ahead, before its person's calendar is next due for any read.
            offer = (await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Planned).ToListAsync())
                .Where(o => o.Start > now.AddMinutes(30) && db.Employees.Single(e => e.Id == o.EmployeeId).NextCalendarSyncAt > o.Start)
                .OrderBy(o => o.Start).First();
        }
        host.Clock.Set(offer.Start.AddMinutes(-5));
        var before = GraphRequests(host.Simulator);

        var meetingEnd = offer.Start.AddMinutes(offer.LengthMinutes + 30);
        host.Simulator.AddEvent(offer.EmployeeId, offer.Start.AddMinutes(-5), meetingEnd, "Booked at the last minute");
        await SettleAsync(host);

        Assert.Equal(0, await host.Services.GetRequiredService<CalendarSync>().EnsureFreshAsync(host.TenantId, [offer.EmployeeId], CancellationToken.None));
        Assert.Equal(before, GraphRequests(host.Simulator));
        using var check = host.Services.CreateScope();
        var offers = await check.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == offer.EmployeeId && o.Status == OfferStatus.Planned).ToListAsync();
        Assert.DoesNotContain(offers, o => o.Start < meetingEnd && o.Start.AddMinutes(o.LengthMinutes) > offer.Start.AddMinutes(-5));
    }

    [Fact]
    public async Task A_notification_accepted_and_then_lost_before_processing_still_gets_its_calendar_read()
    {
        await using var host = await SubscribedHostAsync(kind, withoutProcessor: true);
        var sync = host.Services.GetRequiredService<CalendarSync>();
        host.Clock.Set(host.Clock.GetUtcNow().AddMinutes(1));
        var now = host.Clock.GetUtcNow();
        var (nudged, quiet) = (host.Simulator.Tenant.Users[3], host.Simulator.Tenant.Users[4]);
        var forNudged = host.Simulator.AddEvent(nudged.Id, now.AddHours(3), now.AddHours(4), "Booked while the service restarted");
        var forQuiet = host.Simulator.AddEvent(quiet.Id, now.AddHours(3), now.AddHours(4), "Booked while the service restarted");
        await host.Simulator.WhenNotificationsDeliveredAsync();
        Assert.DoesNotContain(await StoredAsync(host, nudged.Id), c => c.EventHash == Hash(host, forNudged));

        // Before a nudge: a calendar whose notification nothing has settled is read, not trusted.
        Assert.Equal(1, await sync.EnsureFreshAsync(host.TenantId, [nudged.Id], CancellationToken.None));
        Assert.Contains(await StoredAsync(host, nudged.Id), c => c.EventHash == Hash(host, forNudged));

        // With no nudge coming: the processor gets its grace, then the sync reads the calendar.
        await host.SyncEverythingAsync();
        Assert.DoesNotContain(await StoredAsync(host, quiet.Id), c => c.EventHash == Hash(host, forQuiet));
        host.Clock.Set(now + CalendarSync.NotificationProcessingGrace + TimeSpan.FromMinutes(1));
        await host.SyncEverythingAsync();
        Assert.Contains(await StoredAsync(host, quiet.Id), c => c.EventHash == Hash(host, forQuiet));
    }

    [Fact]
    public async Task A_deleted_event_frees_its_gap_with_no_Graph_read()
    {
        await using var host = await SubscribedHostAsync(kind);
        var person = host.Simulator.Tenant.Users[1];
        var now = host.Clock.GetUtcNow();
        var meeting = host.Simulator.Truth(person.Id, now, now.AddDays(2)).First(e => !e.IsAllDay && e.ShowAs == "busy" && e.Start > now);
        Assert.Contains(await StoredAsync(host, person.Id), c => c.EventHash == Hash(host, meeting.Id));
        var before = GraphRequests(host.Simulator);

        host.Simulator.DeleteEvent(person.Id, meeting.Id);
        await SettleAsync(host);

        Assert.DoesNotContain(await StoredAsync(host, person.Id), c => c.EventHash == Hash(host, meeting.Id));
        Assert.Equal(0, await host.Services.GetRequiredService<CalendarSync>().EnsureFreshAsync(host.TenantId, [person.Id], CancellationToken.None));
        Assert.Equal(before, GraphRequests(host.Simulator));
    }

    [Fact]
    public async Task Notifications_out_of_order_keep_the_newest_state_and_a_deletion_is_not_undone_by_an_older_update()
    {
        await using var host = await SubscribedHostAsync(kind);
        var person = host.Simulator.Tenant.Users[2];
        var processor = host.Services.GetRequiredService<CalendarChangeProcessor>();
        var now = host.Clock.GetUtcNow();
        var (early, late) = (now.AddHours(2), now.AddHours(5));
        CalendarNotice Notice(string changeType, DateTimeOffset start, DateTimeOffset modified)
        {
            var content = EncryptedEvent(host, "AAMkOutOfOrder=", start, modified);
            return new CalendarNotice(host.TenantId, person.Id, CalendarSignal.Changed, "AAMkOutOfOrder=", changeType,
                new EncryptedContent((string)content["data"]!, (string)content["dataKey"]!, (string)content["dataSignature"]!, (string)content["encryptionCertificateId"]!));
        }
        CalendarEntry? Stored(List<CalendarEntry> entries) => entries.SingleOrDefault(c => c.EventHash == Hash(host, "AAMkOutOfOrder="));

        // The update (moved to later) overtakes the creation.
        await processor.ProcessAsync([Notice("updated", late, now.AddMinutes(-1))], CancellationToken.None);
        await processor.ProcessAsync([Notice("created", early, now.AddMinutes(-2))], CancellationToken.None);
        Assert.Equal(late, Stored(await StoredAsync(host, person.Id))?.Start);

        host.Clock.Set(now.AddMinutes(1));
        await processor.ProcessAsync([new CalendarNotice(host.TenantId, person.Id, CalendarSignal.Changed, "AAMkOutOfOrder=", "deleted")], CancellationToken.None);
        await processor.ProcessAsync([Notice("updated", late, now.AddMinutes(-1))], CancellationToken.None); // a retry of the old update
        Assert.Null(Stored(await StoredAsync(host, person.Id)));
        Assert.Equal(0, await host.Services.GetRequiredService<CalendarSync>().EnsureFreshAsync(host.TenantId, [person.Id], CancellationToken.None));
    }

    [Fact]
    public async Task A_series_master_change_falls_back_to_one_delta_read_which_stores_every_moved_occurrence()
    {
        await using var host = await SubscribedHostAsync(kind);
        var now = host.Clock.GetUtcNow();
        var (person, occurrence) = host.Simulator.Tenant.Users
            .Select(u => (u, host.Simulator.Truth(u.Id, now, now.AddDays(7)).FirstOrDefault(e => e.Type == "occurrence")))
            .First(p => p.Item2 is not null);
        var deltaReads = host.Simulator.RequestCount("delta");

        host.Simulator.ShiftSeries(person.Id, occurrence!.Id, TimeSpan.FromMinutes(30));
        await SettleAsync(host);
        Assert.Equal(deltaReads, host.Simulator.RequestCount("delta")); // marked changed, not read yet…
        Assert.Equal(1, await host.Services.GetRequiredService<CalendarSync>().EnsureFreshAsync(host.TenantId, [person.Id], CancellationToken.None));
        Assert.True(host.Simulator.RequestCount("delta") > deltaReads); // …then read once

        var stored = (await StoredAsync(host, person.Id)).ToDictionary(c => c.EventHash);
        var shifted = host.Simulator.Truth(person.Id, now, now.AddDays(7)).Where(e => e.Type == "occurrence").ToList();
        Assert.NotEmpty(shifted);
        foreach (var e in shifted.Where(e => stored.ContainsKey(Hash(host, e.Id))))
            Assert.Equal(e.Start, stored[Hash(host, e.Id)].Start);
        Assert.Contains(shifted, e => e.Id == occurrence.Id && stored.ContainsKey(Hash(host, e.Id)) && stored[Hash(host, e.Id)].Start == occurrence.Start.AddMinutes(30));
    }

    [Fact]
    public async Task Resource_data_is_applied_only_with_a_valid_validation_token_from_Graph_for_our_app_and_tenant()
    {
        await using var host = await SubscribedHostAsync(kind);
        var person = host.Simulator.Tenant.Users[3];
        const string clientState = "the-subscription-secret";
        string subscriptionId;
        using (var scope = host.Services.CreateScope())
        {
            // The real secret is known only to the simulator: give the subscription one this test knows.
            var states = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).CalendarSyncStates.Where(s => s.EmployeeId == person.Id);
            await states.ExecuteUpdateAsync(s => s.SetProperty(x => x.ClientStateHash, WebhookAddress.Hash(clientState)));
            subscriptionId = (await states.SingleAsync()).SubscriptionId!;
        }
        var now = host.Clock.GetUtcNow();
        const string eventId = "AAMkForged=";
        var content = EncryptedEvent(host, eventId, now.AddHours(2), now);
        JsonObject Collection(params string[] tokens)
        {
            var collection = new JsonObject
            {
                ["value"] = new JsonArray(new JsonObject
                {
                    ["id"] = Guid.NewGuid().ToString(), ["subscriptionId"] = subscriptionId, ["clientState"] = clientState, ["changeType"] = "created",
                    ["tenantId"] = host.TenantId.ToString(), ["resource"] = $"Users/{person.Id}/Events/{eventId}",
                    ["subscriptionExpirationDateTime"] = now.AddHours(20).ToString("o"),
                    ["resourceData"] = new JsonObject { ["id"] = eventId }, ["encryptedContent"] = content.DeepClone(),
                }),
            };
            if (tokens.Length > 0) collection["validationTokens"] = new JsonArray(tokens.Select(t => (JsonNode?)t).ToArray());
            return collection;
        }
        string Token(string? audience = null, string? app = null, Guid? tenant = null, DateTimeOffset? expires = null) =>
            host.Simulator.SignToken(new JsonObject
            {
                ["aud"] = audience ?? Infrastructure.AuthenticationSetup.DemoClientId,
                ["iss"] = host.Simulator.IssuerFor(tenant ?? host.TenantId),
                ["iat"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-5).ToUnixTimeSeconds(),
                ["exp"] = (expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
                ["azp"] = app ?? NotificationValidationTokens.ChangeTrackingAppId,
                ["tid"] = (tenant ?? host.TenantId).ToString(),
            });
        async Task<bool> IsStoredAsync() => (await StoredAsync(host, person.Id)).Any(c => c.EventHash == Hash(host, eventId));

        var forged = new Dictionary<string, string[]>
        {
            ["no token"] = [],
            ["another key"] = [SignedWithAnotherKey(Token())],
            ["another audience"] = [Token(audience: Guid.NewGuid().ToString())],
            ["another app"] = [Token(app: Guid.NewGuid().ToString())],
            ["another tenant"] = [Token(tenant: Guid.NewGuid())],
            ["expired"] = [Token(expires: now.AddMinutes(-10))],
            ["one valid, one forged"] = [Token(), Token(app: Guid.NewGuid().ToString())],
            ["not a JWT"] = ["not-a-token"],
        };
        foreach (var (name, tokens) in forged)
        {
            using var response = await host.CreateClient().PostAsJsonAsync(WebhookAddress.NotificationsPath, Collection(tokens));
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Unauthorized, $"{name}: {response.StatusCode}");
        }
        // A key not published (yet), as after a rollover: not processed, but Graph is asked to send again rather than told
        // the collection is forged; any other forged token still makes it forged.
        using (var rolled = await host.CreateClient().PostAsJsonAsync(WebhookAddress.NotificationsPath, Collection(SignedWithUnpublishedKey(Token()))))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, rolled.StatusCode);
            Assert.NotNull(rolled.Headers.RetryAfter);
        }
        using (var mixed = await host.CreateClient().PostAsJsonAsync(WebhookAddress.NotificationsPath,
                   Collection(SignedWithUnpublishedKey(Token()), Token(audience: Guid.NewGuid().ToString()))))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, mixed.StatusCode);
        await SettleAsync(host);
        Assert.False(await IsStoredAsync());
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("no valid validation token"));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("no valid validation token") && l.Contains(person.Id.ToString()));

        using (var valid = await host.CreateClient().PostAsJsonAsync(WebhookAddress.NotificationsPath, Collection(Token())))
            Assert.Equal(System.Net.HttpStatusCode.Accepted, valid.StatusCode);
        await SettleAsync(host);
        Assert.True(await IsStoredAsync());
    }

    /// <summary>The same claims, under a key id the issuer has not published, signed with that new key.</summary>
    private static string SignedWithUnpublishedKey(string token)
    {
        var header = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token[..token.IndexOf('.')]))!;
        header["kid"] = "rolled-over-" + Guid.NewGuid().ToString("N");
        return SignedWithAnotherKey(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(header.ToJsonString()) + token[token.IndexOf('.')..]);
    }

    /// <summary>The same header and claims, signed with a key the issuer never published.</summary>
    private static string SignedWithAnotherKey(string token)
    {
        var signed = token[..token.LastIndexOf('.')];
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var signature = rsa.SignData(System.Text.Encoding.ASCII.GetBytes(signed), System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return $"{signed}.{Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }
}

public sealed class SqliteCalendarNotificationTests() : CalendarNotificationTests(DatabaseKind.Sqlite);
public sealed class PostgresCalendarNotificationTests() : CalendarNotificationTests(DatabaseKind.Postgres);
