using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The Graph webhook: handshake, clientState checked, duplicates once, acknowledged before processing.</summary>
public abstract class CalendarWebhookTests(DatabaseKind kind)
{
    private static async Task<ApiHost> SubscribedHostAsync(DatabaseKind kind, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 12, configure: configure);
        _ = host.Server;
        await host.SyncEverythingAsync();
        await host.Services.GetRequiredService<CalendarSubscriptions>().MaintainAsync(host.TenantId, CancellationToken.None);
        await host.SyncEverythingAsync();
        return host;
    }

    private static object Notification(ApiHost host, string subscriptionId, string clientState, string id) => new
    {
        value = new[]
        {
            new
            {
                id, subscriptionId, clientState, changeType = "updated", tenantId = host.TenantId.ToString(),
                resource = "Users/x/Events/y", subscriptionExpirationDateTime = host.Clock.GetUtcNow().AddDays(1),
            },
        },
    };

    private static async Task<CalendarSyncState> StateAsync(ApiHost host, Guid employeeId)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).CalendarSyncStates.AsNoTracking()
            .SingleAsync(s => s.EmployeeId == employeeId);
    }

    [Fact]
    public async Task The_validation_handshake_echoes_the_token_as_plain_text()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 10);
        using var response = await host.CreateClient().PostAsync($"{WebhookAddress.NotificationsPath}?validationToken=abc%3Cdef%3E 1", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("abc<def> 1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Subscriptions_are_made_through_the_real_handshake_and_a_change_reaches_only_that_calendar_without_a_read()
    {
        await using var host = await SubscribedHostAsync(kind);
        Assert.Equal(host.Simulator.Tenant.Users.Count, host.Simulator.Subscriptions.Count);
        var person = host.Simulator.Tenant.Users[2];
        var state = await StateAsync(host, person.Id);
        Assert.NotNull(state.ClientStateHash);
        Assert.Equal(64, state.ClientStateHash!.Length); // a hash, never the secret itself

        var start = host.Clock.GetUtcNow().AddHours(1);
        host.Simulator.AddEvent(person.Id, start, start.AddMinutes(30), "Urgent review");
        await host.Simulator.WhenNotificationsDeliveredAsync();
        await host.Services.GetRequiredService<CalendarChangeQueue>().WhenProcessedAsync(CancellationToken.None);

        var sync = host.Services.GetRequiredService<CalendarSync>();
        var others = host.Simulator.Tenant.Users.Where(u => u.Id != person.Id).Select(u => u.Id).ToList();
        Assert.Equal(0, await sync.EnsureFreshAsync(host.TenantId, others, CancellationToken.None));
        // The notification carried the event: stored without a read.
        Assert.Equal(0, await sync.EnsureFreshAsync(host.TenantId, [person.Id], CancellationToken.None));
        Assert.NotNull((await StateAsync(host, person.Id)).AppliedAt);
        foreach (var other in others) Assert.Null((await StateAsync(host, other)).AppliedAt);
        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var blocks = await scope.ServiceProvider.GetRequiredService<CalendarStore>().BlocksAsync(person.Id, start, start.AddMinutes(30), CancellationToken.None);
        Assert.Contains(blocks, b => b.Start == start && b.End == start.AddMinutes(30));
    }

    [Fact]
    public async Task With_coalescing_a_calendar_read_a_moment_ago_waits_the_interval_but_the_read_before_a_nudge_does_not()
    {
        await using var host = await SubscribedHostAsync(kind, b => b.UseSetting("Jobs:CalendarChangeCoalescing", "00:10:00"));
        var readAt = host.Clock.GetUtcNow();
        // A change to a series needs a read (one notification for the master stands for all its occurrences).
        var (person, occurrence) = host.Simulator.Tenant.Users
            .Select(u => (u, host.Simulator.Truth(u.Id, readAt, readAt.AddDays(7)).FirstOrDefault(e => e.Type == "occurrence")))
            .First(p => p.Item2 is not null);
        host.Clock.Set(readAt.AddMinutes(2));
        host.Simulator.ShiftSeries(person.Id, occurrence!.Id, TimeSpan.FromMinutes(15));
        await host.Simulator.WhenNotificationsDeliveredAsync();
        await host.Services.GetRequiredService<CalendarChangeQueue>().WhenProcessedAsync(CancellationToken.None);

        using (var scope = host.Services.CreateScope())
        {
            var employee = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId).Employees.AsNoTracking()
                .SingleAsync(e => e.Id == person.Id);
            Assert.Equal(employee.CalendarSyncedAt!.Value.AddMinutes(10), employee.NextCalendarSyncAt);
        }
        Assert.Equal(0, await host.Services.GetRequiredService<CalendarSync>().SyncDueAsync(host.TenantId, CancellationToken.None));
        Assert.Equal(1, await host.Services.GetRequiredService<CalendarSync>().EnsureFreshAsync(host.TenantId, [person.Id], CancellationToken.None));
    }

    [Fact]
    public async Task A_wrong_client_state_is_rejected_and_marks_nothing()
    {
        await using var host = await SubscribedHostAsync(kind);
        var person = host.Simulator.Tenant.Users[4];
        var before = await StateAsync(host, person.Id);
        using var response = await host.CreateClient().PostAsJsonAsync(WebhookAddress.NotificationsPath,
            Notification(host, before.SubscriptionId!, "not-the-secret", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await host.Services.GetRequiredService<CalendarChangeQueue>().WhenProcessedAsync(CancellationToken.None);
        Assert.Equal(before.ChangedAt, (await StateAsync(host, person.Id)).ChangedAt);

        using var garbage = await host.CreateClient().PostAsync(WebhookAddress.NotificationsPath, new StringContent("{\"value\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task A_duplicate_notification_is_processed_once()
    {
        await using var host = await SubscribedHostAsync(kind);
        var outcomes = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == Telemetry.MeterName && i.Name == "wr.webhook.notifications") l.EnableMeasurementEvents(i); },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "outcome") outcomes.AddOrUpdate(tag.Value!.ToString()!, value, (_, n) => n + value);
        });
        listener.Start();
        var queue = host.Services.GetRequiredService<CalendarChangeQueue>();
        var person = host.Simulator.Tenant.Users[5];
        // Graph delivers at least once: here every notification twice, with the same id.
        host.Simulator.Faults = new GraphSimulator.FaultOptions { DuplicateNotificationRate = 1 };
        var delivered = host.Simulator.NotificationsDelivered;
        var start = host.Clock.GetUtcNow().AddHours(2);
        host.Simulator.AddEvent(person.Id, start, start.AddMinutes(30), "Once");
        await host.Simulator.WhenNotificationsDeliveredAsync();
        await queue.WhenProcessedAsync(CancellationToken.None);

        Assert.Equal(delivered + 2, host.Simulator.NotificationsDelivered); // both acknowledged…
        Assert.True(outcomes.GetValueOrDefault("duplicate") >= 1);       // …the second recognised as a duplicate
        var id = Guid.NewGuid().ToString();
        Assert.True(queue.Enqueue(host.TenantId, person.Id, CalendarSignal.Changed, id));
        Assert.False(queue.Enqueue(host.TenantId, person.Id, CalendarSignal.Changed, id));
        await queue.WhenProcessedAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_batch_is_acknowledged_before_its_processing_completes()
    {
        await using var host = await SubscribedHostAsync(kind);
        var person = host.Simulator.Tenant.Users[6];
        var before = await StateAsync(host, person.Id);
        host.Clock.Set(host.Clock.GetUtcNow().AddMinutes(1));
        using var blocker = host.Services.CreateScope();
        var db = blocker.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Hold the row processing must write: processing cannot finish until this transaction ends.
            await db.CalendarSyncStates.Where(s => s.EmployeeId == person.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Failure, x => x.Failure));
            var delivered = host.Simulator.NotificationsDelivered;
            var start = host.Clock.GetUtcNow().AddHours(3);
            host.Simulator.AddEvent(person.Id, start, start.AddMinutes(30), "Held");
            await host.Simulator.WhenNotificationsDeliveredAsync();
            Assert.Equal(delivered + 1, host.Simulator.NotificationsDelivered); // acknowledged with a 2xx…
            Assert.True(host.Services.GetRequiredService<CalendarChangeQueue>().Pending > 0, string.Join("\n", host.Logs.Lines.TakeLast(20))); // …while its processing waits
            Assert.Equal(before.AppliedAt, (await StateAsync(host, person.Id)).AppliedAt);
            await transaction.CommitAsync();
        }

        await host.Services.GetRequiredService<CalendarChangeQueue>().WhenProcessedAsync(CancellationToken.None);
        Assert.True((await StateAsync(host, person.Id)).AppliedAt > (before.AppliedAt ?? DateTimeOffset.MinValue));
    }
}

public sealed class SqliteCalendarWebhookTests() : CalendarWebhookTests(DatabaseKind.Sqlite);
public sealed class PostgresCalendarWebhookTests() : CalendarWebhookTests(DatabaseKind.Postgres);
