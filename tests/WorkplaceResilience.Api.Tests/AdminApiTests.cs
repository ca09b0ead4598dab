using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The admin API on a synced demo tenant: settings, who may use it, the kill switch, sync state, disabled tenants.</summary>
public abstract class AdminApiTests(SyncedApi api)
{
    private ApiHost Host => api.Host;
    private DemoUser Person(DemoRole role) => Host.Simulator.Tenant.Users.First(u => u.Role == role);

    private static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Get, "/api/admin/settings"), (HttpMethod.Put, "/api/admin/settings"), (HttpMethod.Post, "/api/admin/kill-switch"),
        (HttpMethod.Get, "/api/admin/sync"), (HttpMethod.Delete, "/api/admin/tenant"),
    ];

    internal static JsonObject DefaultSettings() => new()
    {
        ["enabled"] = true, ["nudgesPaused"] = false, ["minimumGroupSize"] = 10, ["retentionDays"] = 90,
        ["workStart"] = "09:00", ["workEnd"] = "17:00", ["dailyCap"] = 3, ["quietStart"] = null, ["quietEnd"] = null,
        ["supportLinks"] = new JsonArray(), ["groupsInScope"] = new JsonArray(),
    };

    private JsonObject BodyFor(HttpMethod method, string path) => path switch
    {
        "/api/admin/settings" => DefaultSettings(),
        "/api/admin/kill-switch" => new JsonObject { ["paused"] = true },
        _ => new JsonObject { ["confirm"] = Host.TenantId.ToString() },
    };

    [Fact]
    public async Task Every_admin_endpoint_refuses_anonymous_callers_employees_and_hr()
    {
        var anonymous = Host.CreateClient();
        var employee = await Host.SignedInAsync(Person(DemoRole.Employee).Id);
        var hr = await Host.SignedInAsync(Person(DemoRole.Hr).Id);
        foreach (var (method, path) in Endpoints)
        {
            HttpRequestMessage Request() => new(method, path)
            {
                Content = method == HttpMethod.Get ? null : JsonContent.Create(BodyFor(method, path)),
            };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Request())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await employee.SendAsync(Request())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await hr.SendAsync(Request())).StatusCode);
        }
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        var settings = await admin.GetFromJsonAsync<JsonElement>("/api/admin/settings");
        Assert.False(settings.GetProperty("nudgesPaused").GetBoolean());
        Assert.True(settings.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Settings_round_trip_and_start_from_the_product_defaults()
    {
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        var stored = await admin.GetFromJsonAsync<JsonNode>("/api/admin/settings");
        Assert.True(JsonNode.DeepEquals(DefaultSettings(), stored), stored!.ToJsonString());

        var changed = new JsonObject
        {
            ["enabled"] = true, ["nudgesPaused"] = false, ["minimumGroupSize"] = 7, ["retentionDays"] = 30,
            ["workStart"] = "08:30", ["workEnd"] = "16:45", ["dailyCap"] = 5, ["quietStart"] = "12:00", ["quietEnd"] = "13:00",
            ["supportLinks"] = new JsonArray(new JsonObject { ["title"] = "Employee assistance", ["url"] = "https://eap.example/help" }),
            ["groupsInScope"] = new JsonArray(Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
        };
        try
        {
            var put = await admin.PutAsJsonAsync("/api/admin/settings", changed);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.True(JsonNode.DeepEquals(changed, await put.Content.ReadFromJsonAsync<JsonNode>()));
            Assert.True(JsonNode.DeepEquals(changed, await admin.GetFromJsonAsync<JsonNode>("/api/admin/settings")));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/settings", DefaultSettings())).StatusCode);
        }
    }

    [Fact]
    public async Task Bad_settings_get_a_validation_problem_naming_each_field_and_change_nothing()
    {
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        var bad = new JsonObject
        {
            ["enabled"] = true, ["nudgesPaused"] = true, ["minimumGroupSize"] = 4, ["retentionDays"] = 6,
            ["workStart"] = "9am", ["workEnd"] = "25:00", ["dailyCap"] = 9, ["quietStart"] = "12:00", ["quietEnd"] = null,
            ["supportLinks"] = new JsonArray(
                new JsonObject { ["title"] = "Help", ["url"] = "http://eap.example/help" },
                new JsonObject { ["title"] = new string('x', 81), ["url"] = "https://eap.example/" + new string('a', 300) }),
            ["groupsInScope"] = new JsonArray(Enumerable.Range(0, 51).Select(_ => (JsonNode)Guid.NewGuid().ToString()).ToArray()),
        };
        var response = await admin.PutAsJsonAsync("/api/admin/settings", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        string[] expected =
        [
            "minimumGroupSize", "retentionDays", "workStart", "workEnd", "dailyCap", "quietEnd", "supportLinks[0].url",
            "supportLinks[1].title", "supportLinks[1].url", "groupsInScope",
        ];
        Assert.Equal(expected.Order(), errors.EnumerateObject().Select(p => p.Name).Order());

        var tooMany = DefaultSettings();
        tooMany["supportLinks"] = new JsonArray(Enumerable.Range(0, 6)
            .Select(i => (JsonNode)new JsonObject { ["title"] = $"Link {i}", ["url"] = "https://eap.example/" }).ToArray());
        tooMany["workStart"] = "17:00";
        var second = await (await admin.PutAsJsonAsync("/api/admin/settings", tooMany)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["supportLinks", "workEnd"], second.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());

        Assert.True(JsonNode.DeepEquals(DefaultSettings(), await admin.GetFromJsonAsync<JsonNode>("/api/admin/settings")));
    }

    [Fact]
    public async Task The_kill_switch_stops_delivery_from_the_next_job_run_and_lifting_it_resumes()
    {
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        BreakOffer offer;
        using (var scope = Host.Services.CreateScope())
            offer = await TenantDb(scope).BreakOffers.AsNoTracking()
                .Where(o => o.Status == OfferStatus.Planned && o.Start > Host.Clock.GetUtcNow()).OrderBy(o => o.Start).FirstAsync();
        var before = Host.Simulator.SentNotifications.Count;
        try
        {
            var paused = await admin.PostAsJsonAsync("/api/admin/kill-switch", new { paused = true });
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
            Assert.True((await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());
            Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/admin/settings")).GetProperty("nudgesPaused").GetBoolean());

            Host.Clock.Set(offer.Start.AddSeconds(1));
            Assert.Equal(0, await Host.DeliverDueAsync());
            Assert.Equal(before, Host.Simulator.SentNotifications.Count);
            Assert.Equal(OfferStatus.Planned, await StatusAsync(offer.Id));

            var resumed = await admin.PostAsJsonAsync("/api/admin/kill-switch", new { paused = false });
            Assert.False((await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());
            Assert.True(await Host.DeliverDueAsync() >= 1);
            Assert.Equal(OfferStatus.Delivered, await StatusAsync(offer.Id));
            Assert.Contains(Host.Simulator.SentNotifications.Skip(before), n => n.UserId == offer.EmployeeId);
        }
        finally
        {
            Host.Clock.Reset();
            await admin.PostAsJsonAsync("/api/admin/kill-switch", new { paused = false });
        }
    }

    [Fact]
    public async Task Saving_settings_leaves_the_kill_switch_as_it_is()
    {
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/admin/kill-switch", new { paused = true })).StatusCode);
            var stale = DefaultSettings();
            stale["nudgesPaused"] = false;
            var put = await admin.PutAsJsonAsync("/api/admin/settings", stale);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.True((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nudgesPaused").GetBoolean());
            Assert.True((await admin.GetFromJsonAsync<JsonElement>("/api/admin/settings")).GetProperty("nudgesPaused").GetBoolean());
        }
        finally
        {
            await admin.PostAsJsonAsync("/api/admin/kill-switch", new { paused = false });
        }
    }

    [Fact]
    public async Task Sync_state_counts_people_and_calendars_without_naming_anyone()
    {
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        var text = await admin.GetStringAsync("/api/admin/sync");
        var sync = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["active", "failing", "failures", "initialSync", "neverSynced", "people", "stale", "subscribed", "syncedLastHour"],
            sync.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(0, sync.GetProperty("failing").GetInt32());
        Assert.Empty(sync.GetProperty("failures").EnumerateObject());
        Assert.True(sync.GetProperty("initialSync").GetProperty("complete").GetBoolean());
        Assert.Equal(sync.GetProperty("active").GetInt32(), sync.GetProperty("initialSync").GetProperty("read").GetInt32());
        Assert.Equal(Host.Simulator.Tenant.Users.Count, sync.GetProperty("people").GetInt32());
        Assert.True(sync.GetProperty("active").GetInt32() > 0);
        Assert.Equal(0, sync.GetProperty("neverSynced").GetInt32());
        Assert.Equal(0, sync.GetProperty("stale").GetInt32());
        Assert.Equal(sync.GetProperty("active").GetInt32(), sync.GetProperty("syncedLastHour").GetInt32());
        Assert.DoesNotContain(Person(DemoRole.Employee).Id.ToString(), text);
    }

    [Fact]
    public async Task A_disabled_tenant_gets_403_with_the_consent_link_while_its_admins_can_turn_it_back_on()
    {
        var admin = await Host.SignedInAsync(Person(DemoRole.Admin).Id);
        var employee = await Host.SignedInAsync(Person(DemoRole.Employee).Id);
        var hr = await Host.SignedInAsync(Person(DemoRole.Hr).Id);
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync("/api/me/today")).StatusCode);
        var disabled = DefaultSettings();
        disabled["enabled"] = false;
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/settings", disabled)).StatusCode);
            await AssertNotServedAsync(await employee.GetAsync("/api/me/today"), "turned off");
            await AssertNotServedAsync(await hr.GetAsync("/api/reports/summary"), "turned off");
            Assert.Empty(await Host.Services.GetRequiredService<IServiceScopeFactory>().TenantIdsAsync(CancellationToken.None));
            Assert.False((await admin.GetFromJsonAsync<JsonElement>("/api/admin/settings")).GetProperty("enabled").GetBoolean());
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/settings", DefaultSettings())).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await employee.GetAsync("/api/me/today")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_never_onboarded_gets_403_with_the_consent_link_on_every_kind_of_endpoint()
    {
        var stranger = Guid.NewGuid();
        foreach (var (path, role) in new[] { ("/api/me/today", ""), ("/api/reports/summary", AppRoles.Hr), ("/api/admin/settings", AppRoles.Admin) })
        {
            var client = Host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(stranger, role));
            var consentUrl = await AssertNotServedAsync(await client.GetAsync(path), "not set up");
            Assert.StartsWith($"{Host.Simulator.IdentityInstance.ToString().TrimEnd('/')}/{stranger}/v2.0/adminconsent?", consentUrl);
        }
    }

    internal static async Task<string> AssertNotServedAsync(HttpResponseMessage response, string detail)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
        var consentUrl = problem.GetProperty("consentUrl").GetString()!;
        Assert.Contains("/v2.0/adminconsent?client_id=", consentUrl);
        Assert.Contains("&state=", consentUrl);
        return consentUrl;
    }

    private string Token(Guid tenantId, string role) => Host.Services.GetRequiredService<DemoTokens>().Issue(tenantId, claims =>
    {
        claims["oid"] = Guid.NewGuid().ToString();
        claims["scp"] = AuthenticationSetup.Scope;
        claims["roles"] = role == "" ? new JsonArray() : new JsonArray(role);
    }).Token;

    private AppDbContext TenantDb(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(Host.TenantId);

    private async Task<OfferStatus> StatusAsync(Guid offerId)
    {
        using var scope = Host.Services.CreateScope();
        return (await TenantDb(scope).BreakOffers.AsNoTracking().SingleAsync(o => o.Id == offerId)).Status;
    }
}

public sealed class SqliteAdminApiTests(SqliteSyncedApi api) : AdminApiTests(api), IClassFixture<SqliteSyncedApi>;
public sealed class PostgresAdminApiTests(PostgresSyncedApi api) : AdminApiTests(api), IClassFixture<PostgresSyncedApi>;
