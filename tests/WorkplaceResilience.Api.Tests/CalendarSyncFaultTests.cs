using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.GraphSimulator;
using WorkplaceResilience.GraphSimulator.Calendar;

namespace WorkplaceResilience.Api.Tests;

/// <summary>A working day of churn while a fifth of Graph fails: the stored calendars still end as the mailboxes are.</summary>
public abstract class CalendarSyncFaultTests(DatabaseKind kind)
{
    [Fact]
    public async Task With_a_fifth_of_Graph_failing_the_stored_calendars_end_identical_to_the_truth_event_by_event()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 10);
        _ = host.Server;
        var sync = host.Services.GetRequiredService<CalendarSync>();
        var subscriptions = host.Services.GetRequiredService<CalendarSubscriptions>();
        var queue = host.Services.GetRequiredService<CalendarChangeQueue>();
        await host.SyncEverythingAsync();
        await subscriptions.MaintainAsync(host.TenantId, CancellationToken.None);
        await host.SyncEverythingAsync();
        Assert.Equal(host.Simulator.Tenant.Users.Count, host.Simulator.Subscriptions.Count);

        // 429 (Retry-After), 503 and 504 at top level and inside batches, expired delta tokens, lost notifications
        // (signalled as missed, as Graph does).
        host.Simulator.Faults = new FaultOptions { FailureRate = 0.2, DeltaTokenExpiryRate = 0.2, LostNotificationRate = 0.2, Seed = 5 };
        var churn = new CalendarChurn(host.Simulator, seed: 9);
        var tomorrow = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var plan = churn.PlanDay(tomorrow, changesPerPerson: 15);
        Assert.Equal(150, plan.Count);

        async Task StepAsync(DateTimeOffset at)
        {
            host.Clock.Set(at);
            churn.ApplyDue(at);
            await host.Simulator.WhenNotificationsDeliveredAsync();
            await queue.WhenProcessedAsync(CancellationToken.None);
            await subscriptions.MaintainAsync(host.TenantId, CancellationToken.None);
            while (await sync.SyncDueAsync(host.TenantId, CancellationToken.None) > 0) { }
        }

        var at = host.Clock.GetUtcNow();
        while (churn.NextAt is not null)
        {
            at = at.AddMinutes(30);
            await StepAsync(at);
        }
        Assert.Equal(150, churn.Applied.Count);
        // Reads that failed are retried after Jobs:CalendarRefreshAfter.
        for (var i = 0; i < 4; i++) await StepAsync(at = at.AddMinutes(10));

        var hasher = host.Services.GetRequiredService<EventIdHasher>();
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var compared = 0;
        foreach (var user in host.Simulator.Tenant.Users)
        {
            var state = await db.CalendarSyncStates.AsNoTracking().SingleAsync(s => s.EmployeeId == user.Id);
            var (from, to) = (state.WindowStart!.Value, state.WindowEnd!.Value);
            var truth = host.Simulator.Truth(user.Id, from, to).ToDictionary(e => hasher.Hash(host.TenantId, e.Id));
            var stored = await db.CalendarEntries.AsNoTracking().Where(c => c.EmployeeId == user.Id && c.Start < to && c.End > from).ToListAsync();
            Assert.Equal(truth.Keys.Order(), stored.Select(c => c.EventHash).Order());
            foreach (var entry in stored)
            {
                var expected = truth[entry.EventHash];
                Assert.Equal(expected.IsCancelled, entry.IsCancelled);
                Assert.Equal(expected.ShowAs, ShowAsName((ShowAs)entry.ShowAs));
                if (expected.IsAllDay) continue; // all-day dates are re-anchored in the person's zone
                Assert.Equal(expected.Start, entry.Start);
                Assert.Equal(expected.End, entry.End);
                compared++;
            }
        }
        Assert.True(compared > 100, $"only {compared} events compared");
        Assert.True(host.Simulator.RequestCount("delta") > 0);
    }

    private static string ShowAsName(ShowAs showAs) => showAs switch
    {
        ShowAs.Free => "free",
        ShowAs.Tentative => "tentative",
        ShowAs.Busy => "busy",
        ShowAs.OutOfOffice => "oof",
        ShowAs.WorkingElsewhere => "workingElsewhere",
        _ => "unknown",
    };
}

public sealed class SqliteCalendarSyncFaultTests() : CalendarSyncFaultTests(DatabaseKind.Sqlite);
public sealed class PostgresCalendarSyncFaultTests() : CalendarSyncFaultTests(DatabaseKind.Postgres);
