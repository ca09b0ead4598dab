using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The whole flow through the real host: sync → plan → deliver → the tab's API → HR's aggregates.</summary>
public abstract class FlowTests(SyncedApi api)
{
    private ApiHost Host => api.Host;

    private DemoUser FirstEmployee => Host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Employee);

    private AppDbContext TenantDb(IServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(Host.TenantId);

    [Fact]
    public async Task Every_person_in_the_directory_is_synced_and_most_have_break_offers_today_or_tomorrow()
    {
        using var scope = Host.Services.CreateScope();
        var db = TenantDb(scope);
        Assert.Equal(Host.Simulator.Tenant.Users.Count, await db.Employees.CountAsync());
        Assert.True(await db.Employees.AllAsync(e => e.CalendarSyncedAt != null));
        var withBlocks = await db.CalendarEntries.Select(c => c.EmployeeId).Distinct().CountAsync();
        Assert.Equal(Host.Simulator.Tenant.Users.Count, withBlocks);
        var withOffers = await db.BreakOffers.Select(o => o.EmployeeId).Distinct().CountAsync();
        Assert.True(withOffers > Host.Simulator.Tenant.Users.Count / 2, $"only {withOffers} people have offers");
        Assert.True(await db.Employees.Select(e => e.Department).Distinct().CountAsync() >= 6);
        // Sync swallows one person's failure to keep the batch going; in the demo nothing should fail at all.
        Assert.DoesNotContain(Host.Logs.Lines, l =>
            (l.StartsWith("Warning WorkplaceResilience") && !l.Contains("DEMO MODE")) || l.StartsWith("Error WorkplaceResilience"));
    }

    [Fact]
    public async Task No_person_gets_more_offers_a_day_than_the_cap_and_no_offer_overlaps_a_meeting()
    {
        using var scope = Host.Services.CreateScope();
        var db = TenantDb(scope);
        var offers = await db.BreakOffers.AsNoTracking().ToListAsync();
        foreach (var perDay in offers.GroupBy(o => (o.EmployeeId, o.Start.UtcDateTime.Date)))
            Assert.True(perDay.Count() <= 4, "more offers than the cap in one day"); // a UTC day can straddle two local days
        var entries = await db.CalendarEntries.AsNoTracking()
            .Where(c => !c.IsCancelled && !c.IsAllDay && c.ShowAs == 2 && c.Response != 4).ToListAsync();
        var byPerson = entries.ToLookup(c => c.EmployeeId);
        foreach (var offer in offers)
        {
            var end = offer.Start.AddMinutes(offer.LengthMinutes);
            Assert.DoesNotContain(byPerson[offer.EmployeeId], c => c.Start < end && c.End > offer.Start);
        }
    }

    [Fact]
    public async Task Due_offers_reach_the_activity_feed_once_and_a_rerun_sends_nothing_twice()
    {
        Guid offerId;
        DateTimeOffset start;
        using (var scope = Host.Services.CreateScope())
        {
            var offer = await TenantDb(scope).BreakOffers.AsNoTracking()
                .Where(o => o.Status == OfferStatus.Planned).OrderBy(o => o.Start).FirstAsync();
            (offerId, start) = (offer.Id, offer.Start);
        }
        var before = Host.Simulator.SentNotifications.Count;
        Host.Clock.Set(start.AddSeconds(1));
        try
        {
            Assert.True(await Host.DeliverDueAsync() >= 1);
            await Host.DeliverDueAsync();
        }
        finally
        {
            Host.Clock.Reset();
        }
        using var check = Host.Services.CreateScope();
        var delivered = await TenantDb(check).BreakOffers.AsNoTracking().SingleAsync(o => o.Id == offerId);
        Assert.Equal(OfferStatus.Delivered, delivered.Status);
        var sent = Host.Simulator.SentNotifications.Skip(before).ToList();
        Assert.Single(sent, n => n.UserId == delivered.EmployeeId && n.ActivityType == "breakOffered");
        Assert.Equal(sent.Count, sent.Select(n => (n.UserId, n.PreviewText, n.TopicWebUrl)).Distinct().Count());
    }

    [Fact]
    public async Task The_tab_shows_time_blocks_and_offers_and_never_a_meeting_title()
    {
        var client = await Host.SignedInAsync(FirstEmployee.Id);
        var response = await client.GetAsync("/api/me/today");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Host.SubjectMarker, text);
        Assert.DoesNotContain("subject", text, StringComparison.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.GetProperty("blocks").GetArrayLength() > 0);
        Assert.NotNull(json.RootElement.GetProperty("timeZoneIana").GetString());
    }

    [Fact]
    public async Task A_person_can_start_and_complete_their_offer_with_a_check_in()
    {
        var (client, offerId) = await OfferOfSomeoneAsync();
        var started = await client.PostAsync($"/api/offers/{offerId}/start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var completed = await client.PostAsJsonAsync($"/api/offers/{offerId}/complete", new
        {
            before = new { selfKindness = 2, selfCriticism = 4, tension = 4 },
            after = new { selfKindness = 4, selfCriticism = 2, tension = 2 },
            feltWorse = false,
        });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("completed", (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var scope = Host.Services.CreateScope();
        var session = await TenantDb(scope).PracticeSessions.SingleAsync(s => s.OfferId == offerId);
        Assert.Equal(4, session.AfterSelfKindness);
        // Skipping a finished break is refused with a problem, not a 500.
        var skip = await client.PostAsync($"/api/offers/{offerId}/skip", null);
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Equal("application/problem+json", skip.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Feeling_worse_shows_support_resources_in_the_persons_own_history()
    {
        var (client, offerId) = await OfferOfSomeoneAsync();
        var completed = await client.PostAsJsonAsync($"/api/offers/{offerId}/complete", new { feltWorse = true });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var history = await client.GetFromJsonAsync<JsonElement>("/api/me/history");
        Assert.True(history.GetProperty("showSupportResources").GetBoolean());
        Assert.Equal(1, history.GetProperty("summary").GetProperty("totalOffers").GetInt32());
    }

    [Fact]
    public async Task Feeling_worse_rechooses_every_pending_offer_toward_behavioural_practices_at_once()
    {
        var catalogue = WorkplaceResilience.Core.Practices.PracticeCatalogue.LoadEmbedded();
        const string mental = "soothing-touch";
        Guid person;
        List<Guid> pending;
        using (var scope = Host.Services.CreateScope())
        {
            var db = TenantDb(scope);
            var soon = Host.Clock.GetUtcNow().AddMinutes(15);
            var used = await db.BreakOffers.Where(o => o.Status != OfferStatus.Planned).Select(o => o.EmployeeId).ToListAsync();
            var candidates = await db.BreakOffers.AsNoTracking()
                .Where(o => o.Status == OfferStatus.Planned && !used.Contains(o.EmployeeId))
                .Select(o => new { o.Id, o.EmployeeId, o.Start }).ToListAsync();
            var chosen = candidates.Where(o => o.Start > soon).GroupBy(o => o.EmployeeId)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
            Assert.True(chosen.Count() >= 2, $"at most {chosen.Count()} pending offers per person");
            person = chosen.Key;
            var ordered = chosen.OrderBy(o => o.Start).Select(o => o.Id).ToList();
            // One offer answered keeps other tests from picking this person; the rest are pending, all a mental practice.
            await db.BreakOffers.Where(o => o.Id == ordered[0]).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Expired));
            pending = ordered.Skip(1).ToList();
            await db.BreakOffers.Where(o => pending.Contains(o.Id)).ExecuteUpdateAsync(s => s.SetProperty(o => o.PracticeId, mental));
        }

        var client = await Host.SignedInAsync(person);
        var session = await client.PostAsJsonAsync("/api/practice-sessions", new { practiceId = mental, lengthMinutes = 1, feltWorse = true });
        Assert.Equal(HttpStatusCode.Created, session.StatusCode);

        using (var scope = Host.Services.CreateScope())
        {
            var offers = await TenantDb(scope).BreakOffers.AsNoTracking().Where(o => pending.Contains(o.Id)).ToListAsync();
            Assert.All(offers, o => Assert.Equal(WorkplaceResilience.Core.Practices.PracticeFamily.Behavioural, catalogue.Find(o.PracticeId)!.Family));
        }
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_with_a_4xx_and_changes_nothing()
    {
        var (client, offerId) = await OfferOfSomeoneAsync();
        var outOfRange = await client.PostAsJsonAsync($"/api/offers/{offerId}/complete",
            new { after = new { selfKindness = 9, selfCriticism = 1, tension = 1 }, feltWorse = false });
        Assert.Equal(HttpStatusCode.BadRequest, outOfRange.StatusCode);
        Assert.Equal("application/problem+json", outOfRange.Content.Headers.ContentType?.MediaType);
        var malformed = await client.PostAsync($"/api/offers/{offerId}/complete",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var unknown = await client.PostAsync($"/api/offers/{Guid.NewGuid()}/start", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        var practice = await client.PostAsJsonAsync("/api/practice-sessions", new { practiceId = "no-such-practice", lengthMinutes = 1, feltWorse = false });
        Assert.Equal(HttpStatusCode.BadRequest, practice.StatusCode);
        Assert.DoesNotContain("no-such-practice", await practice.Content.ReadAsStringAsync());
        using var scope = Host.Services.CreateScope();
        Assert.False(await TenantDb(scope).PracticeSessions.AnyAsync(s => s.OfferId == offerId));
    }

    [Fact]
    public async Task Nobody_can_act_on_someone_elses_offer()
    {
        var (_, offerId) = await OfferOfSomeoneAsync();
        Guid owner;
        using (var scope = Host.Services.CreateScope())
            owner = (await TenantDb(scope).BreakOffers.SingleAsync(o => o.Id == offerId)).EmployeeId;
        var stranger = Host.Simulator.Tenant.Users.First(u => u.Id != owner && u.Role == DemoRole.Employee);
        var client = await Host.SignedInAsync(stranger.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/offers/{offerId}/skip", null)).StatusCode);
    }

    [Fact]
    public async Task Hr_reads_the_report_and_employees_are_refused()
    {
        var hr = Host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Hr);
        var response = await (await Host.SignedInAsync(hr.Id)).GetAsync("/api/reports/summary");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(summary.GetProperty("minimumGroupSize").GetInt32() >= 5);
        Assert.Equal("department", summary.GetProperty("grouping").GetString());
        var employee = await Host.SignedInAsync(FirstEmployee.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/api/reports/summary")).StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_are_refused()
    {
        var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/today")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "forged.token.value");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/today")).StatusCode);
        var badSignIn = await Host.CreateClient().PostAsJsonAsync("/api/demo/sign-in", new { userId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, badSignIn.StatusCode);
    }

    [Fact]
    public async Task Health_and_openapi_are_served()
    {
        var client = Host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/me/today", out _));
    }

    [Fact]
    public async Task Meeting_subjects_never_reach_the_database_or_the_logs()
    {
        await Host.DeliverDueAsync();
        var dump = await DatabaseText.DumpAsync(Host);
        Assert.True(dump.Length > 1000, "the dump should hold the synced data");
        Assert.DoesNotContain(Host.SubjectMarker, dump);
        Assert.DoesNotContain(Host.Logs.Lines, line => line.Contains(Host.SubjectMarker));
        Assert.NotEmpty(Host.Logs.Lines);
    }

    private async Task<(HttpClient Client, Guid OfferId)> OfferOfSomeoneAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = TenantDb(scope);
        var used = await db.BreakOffers.Where(o => o.Status != OfferStatus.Planned).Select(o => o.EmployeeId).ToListAsync();
        var offer = await db.BreakOffers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Planned && !used.Contains(o.EmployeeId)).OrderBy(o => o.Id).FirstAsync();
        // Mark it so another test does not pick the same person's offer.
        await db.BreakOffers.Where(o => o.Id == offer.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Delivered));
        return (await Host.SignedInAsync(offer.EmployeeId), offer.Id);
    }
}

public sealed class SqliteFlowTests(SqliteSyncedApi api) : FlowTests(api), IClassFixture<SqliteSyncedApi>;
public sealed class PostgresFlowTests(PostgresSyncedApi api) : FlowTests(api), IClassFixture<PostgresSyncedApi>;
