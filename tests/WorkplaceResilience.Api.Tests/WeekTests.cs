using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>"My week" through the real host: the person's own last seven days and nothing of anyone else's.</summary>
public abstract class WeekTests(DatabaseKind kind)
{
    private static object Practice(bool feltWorse, object? before, object? after) =>
        new { practiceId = "kindness-for-self", lengthMinutes = 1, feltWorse, before, after };

    private static object CheckIn(int kindness, int criticism, int tension) =>
        new { selfKindness = kindness, selfCriticism = criticism, tension };

    [Fact]
    public async Task The_week_counts_what_the_person_did_and_nothing_of_anyone_else()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 40);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var (me, other) = await TwoPeopleWithLaterOffersAsync(host);
        var client = await host.SignedInAsync(me);
        var stranger = await host.SignedInAsync(other);

        // Three days ago, on their own: counted on that day. Eight days ago: outside the week.
        host.Clock.Set(TestClock.Start.AddDays(-3));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/practice-sessions", Practice(false, null, null))).StatusCode);
        host.Clock.Set(TestClock.Start.AddDays(-8));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/practice-sessions",
            Practice(true, CheckIn(1, 5, 5), CheckIn(5, 1, 1)))).StatusCode);
        host.Clock.Reset();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/offers/{await LaterOfferAsync(host, me)}/skip", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/practice-sessions",
            Practice(false, CheckIn(2, 4, 4), CheckIn(4, 2, 3)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/practice-sessions",
            Practice(true, CheckIn(3, 3, 3), CheckIn(4, 3, 3)))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/practice-sessions",
            Practice(false, CheckIn(1, 1, 1), null))).StatusCode); // no after: no change to count

        // Someone else's doings must not show up in my week.
        Assert.Equal(HttpStatusCode.OK, (await stranger.PostAsync($"/api/offers/{await LaterOfferAsync(host, other)}/skip", null)).StatusCode);
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Created, (await stranger.PostAsJsonAsync("/api/practice-sessions",
                Practice(true, CheckIn(5, 1, 1), CheckIn(1, 5, 5)))).StatusCode);

        var week = await client.GetFromJsonAsync<JsonElement>("/api/me/week");
        var days = week.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(7, days.Count);
        var (zone, expectedOffered) = await MyOffersThisWeekAsync(host, me);
        var today = LocalTime.TodayFor(zone, TestClock.Start);
        Assert.Equal(today.ToString("yyyy-MM-dd"), days[6].GetProperty("date").GetString());
        Assert.Equal(today.AddDays(-6).ToString("yyyy-MM-dd"), week.GetProperty("from").GetString());
        Assert.Equal(3, days[6].GetProperty("onTheirOwn").GetInt32());
        Assert.Equal(1, days[6].GetProperty("skipped").GetInt32());
        Assert.Equal(1, days[3].GetProperty("onTheirOwn").GetInt32());

        var totals = week.GetProperty("totals");
        Assert.Equal(expectedOffered, totals.GetProperty("offered").GetInt32());
        Assert.Equal(1, totals.GetProperty("skipped").GetInt32());
        Assert.Equal(0, totals.GetProperty("taken").GetInt32());
        Assert.Equal(4, totals.GetProperty("onTheirOwn").GetInt32());
        Assert.Equal(4, week.GetProperty("practices").GetInt32());
        Assert.Equal(1, week.GetProperty("feltWorse").GetInt32());

        // (+2, +1) → 1.5; (−2, 0) → −1; (−1, 0) → −0.5; the practice without an after-check-in is left out.
        var checkIns = week.GetProperty("checkIns");
        Assert.Equal(1.5, checkIns.GetProperty("selfKindness").GetDouble());
        Assert.Equal(2, checkIns.GetProperty("selfKindnessCount").GetInt32());
        Assert.Equal(-1, checkIns.GetProperty("selfCriticism").GetDouble());
        Assert.Equal(-0.5, checkIns.GetProperty("tension").GetDouble());

        var theirs = await stranger.GetFromJsonAsync<JsonElement>("/api/me/week");
        Assert.Equal(2, theirs.GetProperty("feltWorse").GetInt32());
        Assert.Equal(-4, theirs.GetProperty("checkIns").GetProperty("selfKindness").GetDouble());
    }

    [Fact]
    public async Task A_week_without_check_ins_has_no_averages()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var person = host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Employee);
        var week = await (await host.SignedInAsync(person.Id)).GetFromJsonAsync<JsonElement>("/api/me/week");
        Assert.Equal(JsonValueKind.Null, week.GetProperty("checkIns").GetProperty("selfKindness").ValueKind);
        Assert.Equal(0, week.GetProperty("practices").GetInt32());
    }

    [Fact]
    public async Task A_person_not_synced_yet_gets_a_404_problem()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server; // no sync: nobody is known yet
        var person = host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Employee);
        var response = await (await host.SignedInAsync(person.Id)).GetAsync("/api/me/week");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Room_to_breathe_is_suggested_from_the_persons_own_back_to_back_days_with_the_Outlook_setting_link()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        await host.SyncEverythingAsync();
        var employees = host.Simulator.Tenant.Users.Where(u => u.Role == DemoRole.Employee).Select(u => u.Id).Take(3).ToList();
        var (busy, light, newcomer) = (employees[0], employees[1], employees[2]);

        // Back to back: three meetings in a row on every working day of the two weeks.
        var busyDays = await ReplaceCalendarAsync(host, busy, RoomToBreatheDays, [(30, 90), (90, 150), (150, 180)]);
        // One meeting a day: never back to back.
        var lightDays = await ReplaceCalendarAsync(host, light, RoomToBreatheDays, [(60, 90)]);
        // Back to back, but the calendar was first read three days ago: too few days to judge.
        var newcomerDays = await ReplaceCalendarAsync(host, newcomer, 3, [(30, 90), (90, 150), (150, 180)]);

        async Task<JsonElement> AdviceFor(Guid person) =>
            (await (await host.SignedInAsync(person)).GetFromJsonAsync<JsonElement>("/api/me/week")).GetProperty("roomToBreathe");

        var advice = await AdviceFor(busy);
        Assert.True(advice.GetProperty("suggest").GetBoolean());
        Assert.True(busyDays >= 5, $"{busyDays} working days");
        Assert.Equal(busyDays, advice.GetProperty("daysObserved").GetInt32());
        Assert.Equal(busyDays, advice.GetProperty("backToBackDays").GetInt32());
        Assert.Equal("https://outlook.office.com/mail/options/calendar/eventAndInvitations", advice.GetProperty("outlookSettingsUrl").GetString());

        advice = await AdviceFor(light);
        Assert.False(advice.GetProperty("suggest").GetBoolean());
        Assert.Equal(lightDays, advice.GetProperty("daysObserved").GetInt32());
        Assert.Equal(0, advice.GetProperty("backToBackDays").GetInt32());

        advice = await AdviceFor(newcomer);
        Assert.False(advice.GetProperty("suggest").GetBoolean());
        Assert.Equal(newcomerDays, advice.GetProperty("daysObserved").GetInt32());
        Assert.Equal(newcomerDays, advice.GetProperty("backToBackDays").GetInt32());
    }

    private const int RoomToBreatheDays = 14;

    /// <summary>
    /// Replaces the person's stored calendar with the given meetings (minutes after the start of their working day) on
    /// each working day of the last <paramref name="days"/> local days, today included; returns how many working days those were.
    /// </summary>
    private static async Task<int> ReplaceCalendarAsync(ApiHost host, Guid person, int days, (int From, int To)[] meetings)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var employee = await db.Employees.AsNoTracking().SingleAsync(e => e.Id == person);
        var hours = LocalTime.WorkingHoursOf(employee);
        var today = LocalTime.TodayFor(hours.TimeZone, TestClock.Start);
        await db.CalendarEntries.Where(c => c.EmployeeId == person).ExecuteDeleteAsync();
        var workingDays = 0;
        for (var day = today.AddDays(1 - days); day <= today; day = day.AddDays(1))
        {
            if (!hours.IsWorkingDay(day)) continue;
            workingDays++;
            var start = hours.On(day).Start;
            foreach (var (from, to) in meetings)
                db.CalendarEntries.Add(new CalendarEntry
                {
                    EmployeeId = person, EventHash = $"{day:yyyyMMdd}-{from}", Start = start.AddMinutes(from), End = start.AddMinutes(to),
                    ShowAs = (int)Core.Planning.ShowAs.Busy, Response = (int)Core.Planning.ResponseStatus.Accepted,
                });
        }
        await db.SaveChangesAsync();
        return workingDays;
    }

    private static async Task<(Guid Me, Guid Other)> TwoPeopleWithLaterOffersAsync(ApiHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var later = TestClock.Start.AddHours(1);
        var employees = host.Simulator.Tenant.Users.Where(u => u.Role == DemoRole.Employee).Select(u => u.Id).ToList();
        var people = await db.BreakOffers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Planned && o.Start > later && employees.Contains(o.EmployeeId))
            .Select(o => o.EmployeeId).Distinct().ToListAsync();
        var today = new List<Guid>();
        foreach (var id in people)
        {
            // The skipped offer must fall on the person's today, the last day of the week.
            var zone = LocalTime.Find((await db.Employees.AsNoTracking().SingleAsync(e => e.Id == id)).TimeZone);
            var offer = await LaterOfferAsync(host, id);
            var start = (await db.BreakOffers.AsNoTracking().SingleAsync(o => o.Id == offer)).Start;
            if (LocalTime.TodayFor(zone, start) == LocalTime.TodayFor(zone, TestClock.Start)) today.Add(id);
            if (today.Count == 2) return (today[0], today[1]);
        }
        throw new InvalidOperationException("The demo tenant has no two people with breaks later today.");
    }

    private static async Task<Guid> LaterOfferAsync(ApiHost host, Guid person)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var later = TestClock.Start.AddHours(1);
        return await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == person && o.Status == OfferStatus.Planned && o.Start > later)
            .OrderBy(o => o.Start).Select(o => o.Id).FirstAsync();
    }

    private static async Task<(TimeZoneInfo Zone, int Offered)> MyOffersThisWeekAsync(ApiHost host, Guid person)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var zone = LocalTime.Find((await db.Employees.AsNoTracking().SingleAsync(e => e.Id == person)).TimeZone);
        var today = LocalTime.TodayFor(zone, TestClock.Start);
        var starts = await db.BreakOffers.AsNoTracking().Where(o => o.EmployeeId == person).Select(o => o.Start).ToListAsync();
        return (zone, starts.Count(s => LocalTime.TodayFor(zone, s) is var day && day <= today && day > today.AddDays(-7)));
    }
}

public sealed class SqliteWeekTests() : WeekTests(DatabaseKind.Sqlite);
public sealed class PostgresWeekTests() : WeekTests(DatabaseKind.Postgres);
