using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>A person's own break settings, through the real host: used by every plan, at once.</summary>
public abstract class MySettingsTests(DatabaseKind kind)
{
    [Fact]
    public async Task Quiet_hours_over_the_next_offers_withdraw_them_at_once_and_the_rest_of_the_plan_stays_outside()
    {
        await using var host = await SyncedHostAsync();
        var (person, first) = await PersonWithUpcomingOfferAsync(host);
        var client = await host.SignedInAsync(person);
        var before = await client.GetFromJsonAsync<JsonElement>("/api/me/today");
        var local = Offers(before).Single(o => o.GetProperty("id").GetGuid() == first.Id).GetProperty("start").GetDateTimeOffset();
        var quietStart = TimeOnly.FromTimeSpan(local.TimeOfDay).AddMinutes(-1);
        var quietEnd = quietStart.AddHours(3);

        var settings = await SettingsAsync(client);
        settings["quietStart"] = quietStart.ToString("HH:mm");
        settings["quietEnd"] = quietEnd.ToString("HH:mm");
        var put = await client.PutAsJsonAsync("/api/me/settings", settings);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var after = await client.GetFromJsonAsync<JsonElement>("/api/me/today");
        Assert.DoesNotContain(Offers(after), o => o.GetProperty("id").GetGuid() == first.Id);
        foreach (var offer in Offers(after).Where(o => o.GetProperty("status").GetString() == "planned"))
        {
            var at = TimeOnly.FromTimeSpan(offer.GetProperty("start").GetDateTimeOffset().TimeOfDay);
            Assert.False(at.IsBetween(quietStart, quietEnd), $"an offer at {at} inside the quiet hours {quietStart}–{quietEnd}");
        }
        var saved = await client.GetFromJsonAsync<JsonElement>("/api/me/settings");
        Assert.Equal(quietStart.ToString("HH:mm"), saved.GetProperty("settings").GetProperty("quietStart").GetString());
    }

    [Fact]
    public async Task Breaks_off_withdraws_every_pending_offer_keeps_no_calendar_and_the_sync_reads_nothing_until_breaks_are_on_again()
    {
        await using var host = await SyncedHostAsync();
        var (person, _) = await PersonWithUpcomingOfferAsync(host);
        var client = await host.SignedInAsync(person);

        var settings = await SettingsAsync(client);
        settings["breaksOn"] = false;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me/settings", settings)).StatusCode);
        Assert.Equal((0, 0), await StoredAsync(host, person));

        host.Clock.Set(host.Clock.GetUtcNow().AddHours(1));
        await host.SyncEverythingAsync();
        Assert.Equal((0, 0), await StoredAsync(host, person));

        settings["breaksOn"] = true;
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me/settings", settings)).StatusCode);
        await host.SyncEverythingAsync();
        var (entries, _) = await StoredAsync(host, person);
        Assert.True(entries > 0, "the calendar was not read again after breaks were turned back on");
    }

    [Fact]
    public async Task A_pause_until_a_later_day_leaves_nothing_planned_before_it()
    {
        await using var host = await SyncedHostAsync();
        var (person, _) = await PersonWithUpcomingOfferAsync(host);
        var client = await host.SignedInAsync(person);
        var today = DateOnly.Parse((await client.GetFromJsonAsync<JsonElement>("/api/me/today")).GetProperty("date").GetString()!);

        var settings = await SettingsAsync(client);
        settings["pausedUntil"] = today.AddDays(2).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me/settings", settings)).StatusCode);

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        Assert.False(await db.BreakOffers.AnyAsync(o => o.EmployeeId == person && o.Status == OfferStatus.Planned));
        var todayView = await client.GetFromJsonAsync<JsonElement>("/api/me/today");
        Assert.Equal(today.AddDays(2).ToString("yyyy-MM-dd"), todayView.GetProperty("pausedUntil").GetString());
    }

    [Fact]
    public async Task Settings_out_of_range_get_a_validation_problem_naming_each_field_and_change_nothing()
    {
        await using var host = await SyncedHostAsync();
        var (person, _) = await PersonWithUpcomingOfferAsync(host);
        var client = await host.SignedInAsync(person);
        var original = await client.GetFromJsonAsync<JsonElement>("/api/me/settings");

        var settings = await SettingsAsync(client);
        settings["lengths"] = new JsonArray(2, 3);
        settings["dailyCap"] = 99;
        settings["minimumSpacingMinutes"] = 5;
        settings["quietStart"] = "12:00";
        settings["workStart"] = "25:00";
        settings["workEnd"] = "17:00";
        settings["preferredFamily"] = "yoga";
        settings["pausedUntil"] = "2001-01-01";
        var put = await client.PutAsJsonAsync("/api/me/settings", settings);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        var errors = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "lengths", "dailyCap", "minimumSpacingMinutes", "quietEnd", "workStart", "preferredFamily", "pausedUntil" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        Assert.Equal(original.ToString(), (await client.GetFromJsonAsync<JsonElement>("/api/me/settings")).ToString());
    }

    [Fact]
    public async Task Deleting_my_data_keeps_breaks_off_so_nothing_is_read_about_me_again()
    {
        await using var host = await SyncedHostAsync();
        var (person, _) = await PersonWithUpcomingOfferAsync(host);
        var client = await host.SignedInAsync(person);
        var settings = await SettingsAsync(client);
        settings["breaksOn"] = false;
        settings["quietStart"] = "12:00";
        settings["quietEnd"] = "13:00";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/me/settings", settings)).StatusCode);

        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/me/data") { Content = JsonContent.Create(new { confirm = "delete" }) };
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
        await host.SyncEverythingAsync();

        Assert.Equal((0, 0), await StoredAsync(host, person));
        using var scope = host.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).PersonSettings
            .AsNoTracking().SingleAsync(s => s.EmployeeId == person);
        Assert.False(row.BreaksOn);
        Assert.Null(row.QuietStart); // everything but the choice to be left alone is gone
    }

    private async Task<ApiHost> SyncedHostAsync()
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 30);
        _ = host.Server;
        await host.SyncEverythingAsync();
        return host;
    }

    private static async Task<(Guid Person, BreakOffer First)> PersonWithUpcomingOfferAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var soon = host.Clock.GetUtcNow().AddMinutes(15);
        var offers = await db.BreakOffers.AsNoTracking().Where(o => o.Status == OfferStatus.Planned).ToListAsync();
        var zones = await db.Employees.ToDictionaryAsync(e => e.Id, e => People.LocalTime.Find(e.TimeZone));
        // An offer later today in the person's own day, so that the Today view shows it.
        var first = offers
            .Where(o => o.Start > soon && People.LocalTime.TodayFor(zones[o.EmployeeId], o.Start) == People.LocalTime.TodayFor(zones[o.EmployeeId], soon))
            .OrderBy(o => o.EmployeeId).ThenBy(o => o.Start).First();
        return (first.EmployeeId, first);
    }

    private static async Task<JsonObject> SettingsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/me/settings"))!["settings"]!.AsObject().DeepClone().AsObject();

    private static IEnumerable<JsonElement> Offers(JsonElement today) => today.GetProperty("offers").EnumerateArray();

    private static async Task<(int Entries, int PlannedOffers)> StoredAsync(ApiHost host, Guid person)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        return (await db.CalendarEntries.CountAsync(c => c.EmployeeId == person),
            await db.BreakOffers.CountAsync(o => o.EmployeeId == person && o.Status == OfferStatus.Planned));
    }
}

public sealed class SqliteMySettingsTests() : MySettingsTests(DatabaseKind.Sqlite);
public sealed class PostgresMySettingsTests() : MySettingsTests(DatabaseKind.Postgres);
