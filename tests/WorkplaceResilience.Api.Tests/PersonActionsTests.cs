using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Breaks;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>Snooze, skip, pause through the real host and the simulator; the planner respects them through its history.</summary>
public sealed class PersonActionsTests
{
    [Fact]
    public async Task A_snoozed_nudge_comes_again_ten_minutes_later_and_a_snooze_the_gap_cannot_hold_is_refused()
    {
        await using var host = await ApiHost.SyncedAsync();
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, 5, 5);
        var (roomy, tight) = (offers[0], offers[1]);
        host.Simulator.AddEvent(tight.EmployeeId, at.AddMinutes(8), at.AddMinutes(40), "Soon");
        await MakeCalendarsStaleAsync(host);
        host.Clock.Set(at.AddSeconds(10));
        await host.DeliverDueAsync();

        var client = await host.SignedInAsync(roomy.EmployeeId);
        var snoozed = await client.PostAsync($"/api/offers/{roomy.Id}/snooze", null);
        Assert.Equal(HttpStatusCode.OK, snoozed.StatusCode);
        Assert.Equal("snoozed", (await snoozed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var refused = await (await host.SignedInAsync(tight.EmployeeId)).PostAsync($"/api/offers/{tight.Id}/snooze", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        host.Clock.Set(at.AddMinutes(9));
        await host.DeliverDueAsync();
        Assert.Single(host.Simulator.SentNotifications, n => n.UserId == roomy.EmployeeId);
        host.Clock.Set(at.AddSeconds(10).AddMinutes(10));
        await host.DeliverDueAsync();
        Assert.Equal(2, host.Simulator.SentNotifications.Count(n => n.UserId == roomy.EmployeeId));
        Assert.Equal(OfferStatus.Delivered, (await DueOffers.ReadAsync(host, [roomy.Id]))[roomy.Id].Status);
        Assert.Single(host.Simulator.SentNotifications, n => n.UserId == tight.EmployeeId);
    }

    [Fact]
    public async Task Skipping_takes_an_optional_reason_from_a_fixed_list_and_three_skips_in_a_row_make_the_planner_back_off()
    {
        await using var host = await ApiHost.SyncedAsync();
        Guid person;
        List<BreakOffer> theirs;
        using (var scope = host.Services.CreateScope())
        {
            var db = Db(scope, host);
            person = (await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Planned).ToListAsync())
                .GroupBy(o => o.EmployeeId).First(g => g.Count() >= 4).Key;
            theirs = await db.BreakOffers.AsNoTracking().Where(o => o.EmployeeId == person).OrderBy(o => o.Start).ToListAsync();
        }
        var client = await host.SignedInAsync(person);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/api/offers/{theirs[0].Id}/skip?reason=whatever", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{theirs[0].Id}/skip?reason=notHelpful", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{theirs[1].Id}/skip", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{theirs[2].Id}/skip?reason=busy", null)).StatusCode);

        await ReplanAsync(host, person);
        using var check = host.Services.CreateScope();
        var after = await Db(check, host).BreakOffers.AsNoTracking().Where(o => o.EmployeeId == person).ToListAsync();
        Assert.Equal(SkipReason.NotHelpful, after.Single(o => o.Id == theirs[0].Id).SkipReason);
        Assert.Equal(SkipReason.None, after.Single(o => o.Id == theirs[1].Id).SkipReason);
        // Backed off: at most one new offer a day once three were skipped in a row.
        var zone = People.LocalTime.Find((await Db(check, host).Employees.SingleAsync(e => e.Id == person)).TimeZone);
        foreach (var day in after.Where(o => o.Status == OfferStatus.Planned).GroupBy(o => TimeZoneInfo.ConvertTime(o.Start, zone).Date))
            Assert.True(day.Count() <= 1, $"{day.Count()} offers planned on {day.Key:d} after three skips in a row");
    }

    [Fact]
    public async Task Pausing_for_today_withdraws_the_unsent_offers_and_the_planner_plans_none_until_the_pause_ends()
    {
        await using var host = await ApiHost.SyncedAsync();
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var paused = (await DueOffers.StartingTogetherAsync(host, at, 3))[0];
        var client = await host.SignedInAsync(paused.EmployeeId);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/me/pause?period=forever", null)).StatusCode);
        var response = await client.PostAsync("/api/me/pause?period=today", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pause = await response.Content.ReadFromJsonAsync<PauseResponse>();
        Assert.True(pause!.PausedUntil > at);
        Assert.True(pause.OffersWithdrawn >= 1);

        await ReplanAsync(host, paused.EmployeeId);
        using (var scope = host.Services.CreateScope())
        {
            var offers = await Db(scope, host).BreakOffers.AsNoTracking().Where(o => o.EmployeeId == paused.EmployeeId).ToListAsync();
            Assert.Equal(OfferStatus.Cancelled, offers.Single(o => o.Id == paused.Id).Status);
            Assert.Equal(OfferEndReason.PersonPaused, offers.Single(o => o.Id == paused.Id).EndReason);
            Assert.DoesNotContain(offers, o => o.Status == OfferStatus.Planned && o.Start < pause.PausedUntil);
        }
        host.Clock.Set(at.AddSeconds(10));
        await host.DeliverDueAsync();
        Assert.DoesNotContain(host.Simulator.SentNotifications, n => n.UserId == paused.EmployeeId);

        // One pause: the nudge's pause is the one My settings and the tab show.
        var zone = People.LocalTime.Find((await Db(host.Services.CreateScope(), host).Employees.SingleAsync(e => e.Id == paused.EmployeeId)).TimeZone);
        var resumeOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(pause.PausedUntil!.Value, zone).DateTime).ToString("yyyy-MM-dd");
        var shown = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/me/settings");
        Assert.Equal(resumeOn, shown!["settings"]!["pausedUntil"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync("/api/me/pause")).StatusCode);
        using var check = host.Services.CreateScope();
        Assert.Null((await Db(check, host).PersonSettings.SingleAsync(s => s.EmployeeId == paused.EmployeeId)).PausedUntil);
    }

    private static AppDbContext Db(IServiceScope scope, ApiHost host) =>
        scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);

    private static async Task MakeCalendarsStaleAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        // Read an hour ago and due again (as after a change notification or the refresh interval): delivery re-reads them.
        var hourAgo = host.Clock.GetUtcNow().AddHours(-1);
        await Db(scope, host).Employees.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.CalendarSyncedAt, hourAgo).SetProperty(e => e.NextCalendarSyncAt, hourAgo));
    }

    /// <summary>Re-plans one person's today and tomorrow, as calendar sync does after reading their calendar.</summary>
    private static async Task ReplanAsync(ApiHost host, Guid person)
    {
        using var scope = host.Services.CreateScope();
        var employee = await Db(scope, host).Employees.AsNoTracking().SingleAsync(e => e.Id == person);
        var planning = scope.ServiceProvider.GetRequiredService<OfferPlanning>();
        var zone = People.LocalTime.Find(employee.TimeZone);
        var today = People.LocalTime.TodayFor(zone, host.Clock.GetUtcNow());
        await planning.PlanAsync(host.TenantId, employee, [today, today.AddDays(1)], await planning.SettingsAsync(host.TenantId, default), default);
    }
}
