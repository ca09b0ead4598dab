using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Onboarding through admin consent and offboarding, each on a host of its own (they add and remove tenants).</summary>
public abstract class AdminOnboardingTests(DatabaseKind kind)
{
    private const string Callback = "/api/onboarding/consent-callback";

    [Fact]
    public async Task The_consent_link_points_at_entras_admin_consent_endpoint_with_a_protected_state()
    {
        await using var host = await StartAsync(sync: false);
        var client = host.CreateClient();
        var response = await client.GetFromJsonAsync<JsonElement>("/api/onboarding/consent-link?tenant=contoso.onmicrosoft.com");
        var url = new Uri(response.GetProperty("url").GetString()!);
        Assert.EndsWith("/contoso.onmicrosoft.com/v2.0/adminconsent", url.AbsolutePath);
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("https://graph.microsoft.com/.default", query["scope"]);
        Assert.Equal($"http://localhost{Callback}", query["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["client_id"]));
        Assert.True(query["state"]!.Length > 20);

        foreach (var bad in new[] { "", "?tenant=", "?tenant=..%2Fetc", "?tenant=not a domain", "?tenant=" + new string('a', 300) + ".com" })
        {
            var refused = await client.GetAsync("/api/onboarding/consent-link" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_consent_callback_records_a_verified_tenant_and_refuses_forged_unverifiable_or_stale_ones()
    {
        await using var host = await StartAsync(sync: false);
        var tenantId = host.TenantId;
        var admin = await host.SignedInAsync(host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Admin).Id);
        // Offboard the demo tenant first, so that the callback has a consented tenant to record.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(Offboard(tenantId.ToString()))).StatusCode);
        await AdminApiTests.AssertNotServedAsync(await admin.GetAsync("/api/admin/settings"), "not set up");

        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var state = await StateAsync(client, tenantId.ToString());
        async Task<JsonElement> RefusedAsync(string query, string title)
        {
            var response = await client.GetAsync($"{Callback}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(title, problem.GetProperty("title").GetString());
            return problem;
        }

        // Anyone can call the callback with any tenant id: a tenant that never consented is refused.
        var stranger = Guid.NewGuid();
        await RefusedAsync($"tenant={stranger}&admin_consent=True&state={Uri.EscapeDataString(state)}", "The consent could not be verified");
        await RefusedAsync($"tenant={tenantId}&admin_consent=True&state=forged", "The consent link has expired or is not valid");
        await RefusedAsync($"tenant={tenantId}&admin_consent=True", "The consent link has expired or is not valid");
        var denied = await RefusedAsync($"error=access_denied&error_description={new string('d', 5000)}&state={Uri.EscapeDataString(state)}",
            "Consent was not granted");
        Assert.Equal("The admin declined the consent.", denied.GetProperty("detail").GetString());
        var odd = await RefusedAsync($"error=%3Cb%3Ecall+0800+now%3C%2Fb%3E&error_description=Call+0800&state={Uri.EscapeDataString(state)}",
            "Consent was not granted");
        Assert.Equal("Entra ID reported an error; try the consent link again.", odd.GetProperty("detail").GetString());
        Assert.DoesNotContain("0800", odd.GetRawText());
        await RefusedAsync($"tenant={tenantId}&admin_consent=False&state={Uri.EscapeDataString(state)}", "Consent was not granted");
        await RefusedAsync($"tenant=contoso&admin_consent=True&state={Uri.EscapeDataString(state)}", "Entra ID named no tenant");
        Assert.Equal(0, await TenantRowsAsync(host, tenantId));
        Assert.Equal(0, await TenantRowsAsync(host, stranger));

        var accepted = await client.GetAsync($"{Callback}?tenant={tenantId}&admin_consent=True&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/?onboarded=1", accepted.Headers.Location?.OriginalString);
        using (var scope = host.Services.CreateScope())
        {
            var tenant = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId);
            Assert.True(tenant.Enabled);
            Assert.False(tenant.NudgesPaused);
            Assert.NotNull(tenant.OnboardedAt);
        }
        // A second callback (a reload) changes nothing.
        Assert.Equal(HttpStatusCode.Redirect,
            (await client.GetAsync($"{Callback}?tenant={tenantId}&admin_consent=True&state={Uri.EscapeDataString(state)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/settings")).StatusCode);
    }

    [Fact]
    public async Task Offboarding_needs_the_tenant_id_as_confirmation_and_then_leaves_no_row_of_the_tenant_in_any_table()
    {
        await using var host = await StartAsync(sync: true);
        var tenantId = host.TenantId;
        var other = Guid.NewGuid();
        await SeedAsync(host, tenantId, other);
        var admin = await host.SignedInAsync(host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Admin).Id);
        var before = await RowsByTableAsync(host, tenantId);
        Assert.All(before, table => Assert.True(table.Value > 0, $"{table.Key} holds no row of the tenant to delete"));
        var othersBefore = await RowsByTableAsync(host, other);

        foreach (var confirm in new[] { "", "yes", Guid.NewGuid().ToString(), other.ToString() })
        {
            var refused = await admin.SendAsync(Offboard(confirm));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("confirm", out _));
        }
        Assert.Equal(before, await RowsByTableAsync(host, tenantId));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(Offboard(tenantId.ToString().ToUpperInvariant()))).StatusCode);
        Assert.All(await RowsByTableAsync(host, tenantId), table => Assert.True(table.Value == 0, $"{table.Key} still holds {table.Value} rows"));
        Assert.Equal(othersBefore, await RowsByTableAsync(host, other));
        await AdminApiTests.AssertNotServedAsync(await admin.GetAsync("/api/admin/settings"), "not set up");
        Assert.Equal(0, await host.DeliverDueAsync());
    }

    private async Task<ApiHost> StartAsync(bool sync)
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 30);
        _ = host.Server;
        if (sync) await host.SyncEverythingAsync();
        return host;
    }

    private static HttpRequestMessage Offboard(string confirm) =>
        new(HttpMethod.Delete, "/api/admin/tenant") { Content = JsonContent.Create(new { confirm }) };

    private static async Task<string> StateAsync(HttpClient client, string tenant)
    {
        var link = await client.GetFromJsonAsync<JsonElement>($"/api/onboarding/consent-link?tenant={tenant}");
        return HttpUtility.ParseQueryString(new Uri(link.GetProperty("url").GetString()!).Query)["state"]!;
    }

    private static async Task<int> TenantRowsAsync(ApiHost host, Guid tenantId)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.CountAsync(t => t.Id == tenantId);
    }

    /// <summary>A released report week with one cell, and one audited request.</summary>
    private static void AddReport(AppDbContext db, Guid actor, DateTimeOffset now)
    {
        var week = new DateOnly(2026, 3, 2);
        db.ReportReleases.Add(new ReportRelease { WeekStart = week, ReleasedAt = now, MinimumGroupSize = 10, EpsilonPerValue = 0.5, Epsilon = 24 });
        db.ReportCells.Add(new ReportCell { WeekStart = week, Grouping = "department", GroupName = "Finance", Hidden = "small-group" });
        db.ReportAudits.Add(new ReportAudit { Id = Guid.NewGuid(), At = now, ActorId = actor, Report = "summary", Grouping = "department" });
    }

    /// <summary>A practice session and a report for the demo tenant, and a second tenant with a row in every table.</summary>
    private static async Task SeedAsync(ApiHost host, Guid tenantId, Guid other)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var employee = await db.Employees.AsNoTracking().FirstAsync();
        db.PracticeSessions.Add(new PracticeSession
        {
            Id = Guid.NewGuid(), EmployeeId = employee.Id, PracticeId = "x", LengthMinutes = 1, CompletedAt = host.Clock.GetUtcNow(),
        });
        db.PersonSettings.Add(new PersonSettings { EmployeeId = employee.Id, DailyCap = 2, UpdatedAt = host.Clock.GetUtcNow() });
        AddReport(db, employee.Id, host.Clock.GetUtcNow());
        await db.SaveChangesAsync();

        using var otherScope = host.Services.CreateScope();
        var otherDb = otherScope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(other);
        await otherDb.EnsureTenantAsync(other, "Fabrikam", host.Clock.GetUtcNow(), CancellationToken.None);
        var person = Guid.NewGuid();
        var now = host.Clock.GetUtcNow();
        otherDb.Employees.Add(new Employee { Id = person, Department = "Finance", NextCalendarSyncAt = now });
        otherDb.CalendarEntries.Add(new CalendarEntry { EmployeeId = person, EventHash = "h", Start = now, End = now.AddHours(1) });
        otherDb.BreakOffers.Add(new BreakOffer { Id = Guid.NewGuid(), EmployeeId = person, Start = now.AddHours(2), LengthMinutes = 3, PracticeId = "x", CreatedAt = now });
        otherDb.PracticeSessions.Add(new PracticeSession { Id = Guid.NewGuid(), EmployeeId = person, PracticeId = "x", LengthMinutes = 1, CompletedAt = now });
        otherDb.PersonSettings.Add(new PersonSettings { EmployeeId = person, BreaksOn = false, UpdatedAt = now });
        AddReport(otherDb, person, now);
        await otherDb.SaveChangesAsync();
    }

    /// <summary>
    /// Rows of the tenant in every table of the database that has a tenant_id column (read from the database's catalogue,
    /// not the EF model, so a table the model forgets still counts), plus its tenants row.
    /// </summary>
    private static async Task<Dictionary<string, int>> RowsByTableAsync(ApiHost host, Guid tenantId)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var tables = await db.Database.SqlQueryRaw<string>(db.IsSqlite
            ? "SELECT m.name AS \"Value\" FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'tenant_id'"
            : "SELECT table_name AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'")
            .ToListAsync();
        Assert.Superset(new HashSet<string> { "employees", "calendar_entries", "break_offers", "practice_sessions" }, tables.ToHashSet());
        var rows = new Dictionary<string, int>();
        foreach (var table in tables.Order())
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\" WHERE tenant_id = {{0}}";
            rows[table] = await db.Database.SqlQueryRaw<int>(sql, tenantId).SingleAsync();
        }
        rows["tenants"] = await db.Tenants.CountAsync(t => t.Id == tenantId);
        return rows;
    }
}

public sealed class SqliteAdminOnboardingTests() : AdminOnboardingTests(DatabaseKind.Sqlite);
public sealed class PostgresAdminOnboardingTests() : AdminOnboardingTests(DatabaseKind.Postgres);
