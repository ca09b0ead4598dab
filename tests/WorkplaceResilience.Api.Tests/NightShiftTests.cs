using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// A night shift through the real host: sync from the Graph simulator, plan, then the next day's sync. Meetings after
/// midnight count, and the next day's planning leaves the shift's after-midnight offers alone.
/// </summary>
public abstract class NightShiftTests(DatabaseKind kind)
{
    [Fact]
    public async Task A_night_shift_is_planned_around_meetings_after_midnight_and_keeps_its_offers_the_next_day()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 12);
        _ = host.Server;
        await host.SyncEverythingAsync();

        // Someone whose own evening and night (21:00-07:00 local) hold nothing yet becomes a night worker, 22:00-06:00.
        var now = host.Clock.GetUtcNow();
        Employee? nurse = null;
        TimeZoneInfo zone = TimeZoneInfo.Utc;
        DateOnly today = default;
        using (var scope = host.Services.CreateScope())
        {
            var db = Db(scope, host);
            foreach (var candidate in await db.Employees.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            {
                zone = People.LocalTime.Find(candidate.TimeZone);
                today = People.LocalTime.TodayFor(zone, now);
                var (nightFrom, nightTo) = (At(zone, today, 21, 0), At(zone, today.AddDays(1), 7, 0));
                if (!await db.CalendarEntries.AnyAsync(c => c.EmployeeId == candidate.Id && c.Start < nightTo && c.End > nightFrom))
                {
                    nurse = candidate;
                    break;
                }
            }
            Assert.NotNull(nurse);
            var tracked = await db.Employees.SingleAsync(e => e.Id == nurse.Id);
            (tracked.WorkStart, tracked.WorkEnd, tracked.WorkDays, tracked.NextCalendarSyncAt) = (new TimeOnly(22, 0), new TimeOnly(6, 0), 0b1111111, now);
            await db.SaveChangesAsync();
        }

        // A handover run across midnight (its last meeting starts after midnight), and a meeting at 03:00.
        var tomorrow = today.AddDays(1);
        host.Simulator.AddEvent(nurse.Id, At(zone, today, 22, 15), At(zone, today, 23, 30), "Handover");
        host.Simulator.AddEvent(nurse.Id, At(zone, today, 23, 30), At(zone, tomorrow, 0, 45), "Ward round");
        host.Simulator.AddEvent(nurse.Id, At(zone, tomorrow, 0, 45), At(zone, tomorrow, 1, 30), "Case review");
        host.Simulator.AddEvent(nurse.Id, At(zone, tomorrow, 3, 0), At(zone, tomorrow, 3, 30), "Family call");
        await SyncCalendarsAsync(host);

        // The end of the run (after the meeting that starts after midnight) and after the 03:00 call; nothing on a meeting.
        var planned = await OffersAsync(host, nurse.Id, At(zone, today, 22, 0), At(zone, tomorrow, 6, 0));
        Assert.Equal([At(zone, tomorrow, 1, 30), At(zone, tomorrow, 3, 30)], planned.Select(o => o.Start));
        using (var scope = host.Services.CreateScope())
        {
            var busy = await Db(scope, host).CalendarEntries.AsNoTracking()
                .Where(c => c.EmployeeId == nurse.Id && !c.IsCancelled && c.ShowAs == 2).ToListAsync();
            Assert.All(planned, o => Assert.DoesNotContain(busy, c => c.Start < o.Start.AddMinutes(o.LengthMinutes) && o.Start < c.End));
        }

        // 02:00 the next calendar day: that day's sync plans "today" and tomorrow, and the shift's 03:30 offer stays.
        host.Clock.Set(At(zone, tomorrow, 2, 0));
        using (var scope = host.Services.CreateScope())
        {
            var db = Db(scope, host);
            var tracked = await db.Employees.SingleAsync(e => e.Id == nurse.Id);
            tracked.NextCalendarSyncAt = host.Clock.GetUtcNow();
            await db.SaveChangesAsync();
        }
        await SyncCalendarsAsync(host);
        var after = await OffersAsync(host, nurse.Id, At(zone, tomorrow, 2, 0), At(zone, tomorrow, 6, 0));
        Assert.Equal(planned[1].Id, Assert.Single(after).Id);
    }

    /// <summary>The calendar sync job alone (directory sync would set the mailbox's own working hours back).</summary>
    private static async Task SyncCalendarsAsync(ApiHost host)
    {
        var job = host.Services.GetRequiredService<Calendar.CalendarSyncJob>();
        while (await job.SyncDueAsync(host.TenantId, CancellationToken.None) > 0) { }
    }

    private static DateTimeOffset At(TimeZoneInfo zone, DateOnly day, int hour, int minute) =>
        Core.Planning.WorkingHours.LocalToInstant(zone, day.ToDateTime(new TimeOnly(hour, minute))).ToUniversalTime();

    private static AppDbContext Db(IServiceScope scope, ApiHost host) =>
        scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);

    private static async Task<List<BreakOffer>> OffersAsync(ApiHost host, Guid employeeId, DateTimeOffset from, DateTimeOffset to)
    {
        using var scope = host.Services.CreateScope();
        return (await Db(scope, host).BreakOffers.AsNoTracking().Where(o => o.EmployeeId == employeeId).ToListAsync())
            .Where(o => o.Start >= from && o.Start < to).OrderBy(o => o.Start).ToList();
    }
}

public sealed class SqliteNightShiftTests() : NightShiftTests(DatabaseKind.Sqlite);
public sealed class PostgresNightShiftTests() : NightShiftTests(DatabaseKind.Postgres);
