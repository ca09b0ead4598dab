using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The optional calendar hold, through the real host and the simulator.</summary>
public sealed class CalendarHoldTests
{
    [Fact]
    public async Task Off_by_default_no_event_is_written()
    {
        await using var host = await ApiHost.SyncedAsync();
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, 3, 3);
        var client = await host.SignedInAsync(offers[0].EmployeeId);
        var settings = (await client.GetFromJsonAsync<JsonObject>("/api/me/settings"))!["settings"]!;
        Assert.False(settings["calendarHold"]!.GetValue<bool>());

        host.Clock.Set(at.AddSeconds(5));
        Assert.Equal(2, await host.DeliverDueAsync());
        Assert.Empty(host.Simulator.EventWrites);
        Assert.All((await DueOffers.ReadAsync(host, offers.Select(o => o.Id))).Values, o => Assert.Null(o.HoldEventId));
    }

    [Fact]
    public async Task A_private_pause_is_written_when_the_break_is_sent_never_read_back_as_busy_and_removed_on_skip_or_when_the_gap_goes()
    {
        await using var host = await ApiHost.SyncedAsync();
        var at = host.Clock.GetUtcNow().AddMinutes(2);
        var offers = await DueOffers.StartingTogetherAsync(host, at, 3, 3, 3);
        var (skipper, overlapped, without) = (offers[0], offers[1], offers[2]);
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            foreach (var offer in new[] { skipper, overlapped })
            {
                await db.PersonSettings.Where(s => s.EmployeeId == offer.EmployeeId).ExecuteDeleteAsync();
                db.PersonSettings.Add(new PersonSettings { EmployeeId = offer.EmployeeId, CalendarHold = true, UpdatedAt = at });
            }
            await db.SaveChangesAsync();
        }

        host.Clock.Set(at.AddSeconds(5));
        Assert.Equal(3, await host.DeliverDueAsync());
        var created = host.Simulator.EventWrites.Where(w => w.Change == "created").ToList();
        Assert.Equal(new[] { skipper.EmployeeId, overlapped.EmployeeId }.Order(), created.Select(w => w.UserId).Order());
        var state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        foreach (var write in created)
        {
            Assert.Equal((CalendarHolds.Title, "busy", "private"), (write.Subject, write.ShowAs, write.Sensitivity));
            var offer = state.Values.Single(o => o.EmployeeId == write.UserId);
            Assert.Equal(write.EventId, offer.HoldEventId);
            Assert.Equal((offer.DeliveredAt, offer.DeliveredAt!.Value.AddMinutes(3)), (write.Start, write.End));
            Assert.Contains(host.Simulator.Truth(write.UserId, at, at.AddHours(1)), e => e.Id == write.EventId);
        }
        Assert.Null(state[without.Id].HoldEventId);

        // The calendars are read again (the holds are in them now): the holds are not stored as busy blocks.
        await ReadCalendarsAgainAsync(host);
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            var hashes = state.Values.Select(o => o.HoldEventHash).OfType<string>().ToList();
            Assert.Equal(2, hashes.Count);
            Assert.False(await db.CalendarEntries.AnyAsync(c => hashes.Contains(c.EventHash)));
            var hasher = scope.ServiceProvider.GetRequiredService<EventIdHasher>();
            Assert.All(created, w => Assert.Contains(hasher.Hash(host.TenantId, w.EventId), hashes));
        }

        // One person skips; a meeting lands on the other's break: both holds go at the next run, the offers keep their state.
        var client = await host.SignedInAsync(skipper.EmployeeId);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{skipper.Id}/skip", null)).StatusCode);
        host.Simulator.AddEvent(overlapped.EmployeeId, at.AddSeconds(30), at.AddMinutes(20), "Urgent call");
        await ReadCalendarsAgainAsync(host);
        await host.DeliverDueAsync();

        Assert.Equal(2, host.Simulator.EventWrites.Count(w => w.Change == "created")); // a removed hold is not written again
        var deleted = host.Simulator.EventWrites.Where(w => w.Change == "deleted").Select(w => w.EventId).Order().ToList();
        Assert.Equal(created.Select(w => w.EventId).Order(), deleted);
        foreach (var write in created)
            Assert.DoesNotContain(host.Simulator.Truth(write.UserId, at, at.AddHours(1)), e => e.Id == write.EventId);
        state = await DueOffers.ReadAsync(host, offers.Select(o => o.Id));
        Assert.All(state.Values, o => Assert.Null(o.HoldEventId));
        Assert.Equal(OfferStatus.Skipped, state[skipper.Id].Status);
    }

    [Fact]
    public async Task The_setting_is_saved_through_my_settings()
    {
        await using var host = await ApiHost.SyncedAsync();
        var person = host.Simulator.Tenant.Users[0].Id;
        var client = await host.SignedInAsync(person);
        var settings = (await client.GetFromJsonAsync<JsonObject>("/api/me/settings"))!["settings"]!.AsObject().DeepClone().AsObject();
        settings["calendarHold"] = true;
        Assert.True((await client.PutAsJsonAsync("/api/me/settings", settings)).IsSuccessStatusCode);
        var saved = (await client.GetFromJsonAsync<JsonObject>("/api/me/settings"))!["settings"]!;
        Assert.True(saved["calendarHold"]!.GetValue<bool>());
    }

    /// <summary>Every calendar is due for reading now, and the calendar sync reads them, as its job would.</summary>
    private static async Task ReadCalendarsAgainAsync(ApiHost host)
    {
        using (var scope = host.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, host.Clock.GetUtcNow().AddMinutes(-1)));
        var sync = host.Services.GetRequiredService<CalendarSyncJob>();
        while (await sync.SyncDueAsync(host.TenantId, CancellationToken.None) > 0) { }
    }
}
