using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The offer's own transitions, without a host.</summary>
public sealed class OfferTransitionTests
{
    private static readonly DateTimeOffset BreakAt = new(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly OfferTiming Timing = new(Grace: TimeSpan.FromMinutes(3));

    private static BreakOffer Offer(OfferStatus status) => new() { Id = Guid.NewGuid(), Start = BreakAt, Status = status, LengthMinutes = 3 };

    [Theory]
    [InlineData(OfferStatus.Planned, -60, OfferChange.NotDueYet)]
    [InlineData(OfferStatus.Planned, -1, OfferChange.NotDueYet)]
    [InlineData(OfferStatus.Sending, -1, OfferChange.NotDueYet)]
    [InlineData(OfferStatus.Planned, 0, OfferChange.Changed)]
    [InlineData(OfferStatus.Sending, 1, OfferChange.Changed)]
    [InlineData(OfferStatus.Deferred, 2, OfferChange.Changed)]
    [InlineData(OfferStatus.Unconfirmed, 30, OfferChange.Changed)]
    [InlineData(OfferStatus.Planned, 3, OfferChange.Changed)]
    [InlineData(OfferStatus.Cancelled, 0, OfferChange.NotAllowed)]
    [InlineData(OfferStatus.Planned, 4, OfferChange.NotAllowed)]
    [InlineData(OfferStatus.Delivered, -60, OfferChange.Changed)]
    [InlineData(OfferStatus.Delivered, 600, OfferChange.Changed)]
    [InlineData(OfferStatus.Started, 0, OfferChange.AlreadyDone)]
    [InlineData(OfferStatus.Completed, 0, OfferChange.NotAllowed)]
    [InlineData(OfferStatus.Skipped, 0, OfferChange.NotAllowed)]
    [InlineData(OfferStatus.Expired, 0, OfferChange.NotAllowed)]
    public void Starting_needs_a_due_open_offer(OfferStatus status, int minutesFromBreak, OfferChange expected)
    {
        var offer = Offer(status);
        var now = BreakAt.AddMinutes(minutesFromBreak);
        Assert.Equal(expected, offer.StartPractice(now, Timing));
        Assert.Equal(expected == OfferChange.Changed ? OfferStatus.Started : status, offer.Status);
        Assert.Equal(expected == OfferChange.Changed ? now : null, offer.RespondedAt);
    }

    [Theory]
    [InlineData(OfferStatus.Planned, -60)]
    [InlineData(OfferStatus.Planned, -1)]
    [InlineData(OfferStatus.Planned, 1)]
    [InlineData(OfferStatus.Planned, 4)]
    [InlineData(OfferStatus.Delivered, 600)]
    [InlineData(OfferStatus.Started, 0)]
    [InlineData(OfferStatus.Completed, 0)]
    [InlineData(OfferStatus.Expired, 0)]
    public void What_the_tab_is_told_about_start_agrees_with_what_start_does(OfferStatus status, int minutesFromBreak)
    {
        var now = BreakAt.AddMinutes(minutesFromBreak);
        var startable = Offer(status).CanStartNow(now, Timing);
        var result = Offer(status).StartPractice(now, Timing);
        Assert.Equal(startable, result is OfferChange.Changed or OfferChange.AlreadyDone);
    }

    [Theory]
    [InlineData(OfferStatus.Planned, -60, OfferChange.NotDueYet)]
    [InlineData(OfferStatus.Planned, -1, OfferChange.NotDueYet)]
    [InlineData(OfferStatus.Planned, 1, OfferChange.Changed)]
    [InlineData(OfferStatus.Delivered, 30, OfferChange.Changed)]
    [InlineData(OfferStatus.Started, 30, OfferChange.Changed)]
    [InlineData(OfferStatus.Completed, 30, OfferChange.AlreadyDone)]
    [InlineData(OfferStatus.Skipped, 0, OfferChange.NotAllowed)]
    [InlineData(OfferStatus.Expired, 0, OfferChange.NotAllowed)]
    public void Completing_needs_a_due_open_offer_and_happens_once(OfferStatus status, int minutesFromBreak, OfferChange expected)
    {
        var offer = Offer(status);
        Assert.Equal(expected, offer.Complete(BreakAt.AddMinutes(minutesFromBreak), Timing));
        Assert.Equal(expected == OfferChange.Changed ? OfferStatus.Completed : status, offer.Status);
    }

    [Theory]
    [InlineData(OfferStatus.Planned, OfferChange.Changed)]
    [InlineData(OfferStatus.Delivered, OfferChange.Changed)]
    [InlineData(OfferStatus.Started, OfferChange.Changed)]
    [InlineData(OfferStatus.Skipped, OfferChange.AlreadyDone)]
    [InlineData(OfferStatus.Completed, OfferChange.NotAllowed)]
    [InlineData(OfferStatus.Expired, OfferChange.NotAllowed)]
    public void Skipping_is_possible_until_the_offer_is_finished_even_before_it_is_due(OfferStatus status, OfferChange expected) =>
        Assert.Equal(expected, Offer(status).Skip(BreakAt.AddHours(-5)));

    [Fact]
    public void The_status_sets_agree_with_the_transitions()
    {
        Assert.Empty(BreakOffer.Open.Intersect(BreakOffer.Final));
        Assert.Equal(Enum.GetValues<OfferStatus>().Order(), BreakOffer.Open.Concat(BreakOffer.Final).Order());
        Assert.Subset(BreakOffer.Open.ToHashSet(), BreakOffer.Claimable.Concat(BreakOffer.Undelivered).Concat(BreakOffer.Reached).ToHashSet());
        foreach (var status in BreakOffer.Final)
        {
            var offer = Offer(status);
            Assert.NotEqual(OfferChange.Changed, offer.StartPractice(BreakAt, Timing));
            Assert.NotEqual(OfferChange.Changed, offer.Complete(BreakAt, Timing));
            Assert.NotEqual(OfferChange.Changed, offer.Skip(BreakAt));
            Assert.Equal(status, offer.Status);
        }
    }
}

/// <summary>The lifecycle through the tab's endpoints.</summary>
public abstract class OfferLifecycleTests(SyncedApi api)
{
    private ApiHost Host => api.Host;

    [Fact]
    public async Task An_offer_hours_away_cannot_be_started_or_completed_but_can_be_skipped()
    {
        var (client, offerId) = await PlannedOfferAsync(TimeSpan.FromHours(1));
        var start = await client.PostAsync($"/api/offers/{offerId}/start", null);
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
        Assert.Equal("This break is not due yet", (await start.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/offers/{offerId}/complete", new { feltWorse = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{offerId}/skip", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/offers/{offerId}/start", null)).StatusCode);
    }

    [Fact]
    public async Task A_due_offer_is_started_once_and_completed_once_with_one_session()
    {
        var (client, offerId) = await PlannedOfferAsync(TimeSpan.FromMinutes(-1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{offerId}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{offerId}/start", null)).StatusCode); // resuming
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/offers/{offerId}/complete", new { feltWorse = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/offers/{offerId}/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/offers/{offerId}/skip", null)).StatusCode);
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(Host.TenantId);
        Assert.Equal(1, await db.PracticeSessions.CountAsync(s => s.OfferId == offerId));
    }

    [Fact]
    public async Task Practices_outside_offers_are_capped_per_person_per_day()
    {
        var (client, _) = await PlannedOfferAsync(TimeSpan.FromHours(2));
        var practice = (await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/practices"))[0];
        var body = new
        {
            practiceId = practice.GetProperty("id").GetString(),
            lengthMinutes = practice.GetProperty("versions")[0].GetProperty("lengthMinutes").GetInt32(),
            feltWorse = false,
        };
        for (var i = 0; i < OfferActions.OwnPracticesPerDay; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/practice-sessions", body)).StatusCode);
        var over = await client.PostAsJsonAsync("/api/practice-sessions", body);
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.Equal("application/problem+json", over.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A planned offer of someone nobody else's test uses, moved to start <paramref name="from"/> now.</summary>
    private async Task<(HttpClient Client, Guid OfferId)> PlannedOfferAsync(TimeSpan from)
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(Host.TenantId);
        var offer = await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Planned).OrderByDescending(o => o.Id).FirstAsync();
        var start = Host.Clock.GetUtcNow() + from;
        // The person's other offers go: the other tests then never pick this person, and none of them can already sit at
        // the new start (one offer per person and moment).
        await db.BreakOffers.Where(o => o.EmployeeId == offer.EmployeeId && o.Id != offer.Id).ExecuteDeleteAsync();
        await db.BreakOffers.Where(o => o.Id == offer.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Start, start));
        return (await Host.SignedInAsync(offer.EmployeeId), offer.Id);
    }
}

public sealed class SqliteOfferLifecycleTests(SqliteSyncedApi api) : OfferLifecycleTests(api), IClassFixture<SqliteSyncedApi>;
public sealed class PostgresOfferLifecycleTests(PostgresSyncedApi api) : OfferLifecycleTests(api), IClassFixture<PostgresSyncedApi>;
