using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;
using WorkplaceResilience.GraphSimulator;

namespace WorkplaceResilience.Api.Tests;

/// <summary>The Graph client's SDK middleware (retry on 429 with Retry-After) and what Graph traffic leaves in logs and metrics.</summary>
public abstract class GraphResilienceTests(DatabaseKind kind)
{
    [Fact]
    public async Task A_429_inside_a_batch_waits_its_Retry_After_for_that_mailbox_and_the_calendar_sync_still_reads_that_person()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 20);
        _ = host.Server;
        var person = host.Simulator.Tenant.Users[3];
        var throttled = new ConcurrentBag<string>();
        using var listener = ListenTo("wr.graph.throttled", (route, _) => throttled.Add(route));
        host.Simulator.ThrottleOnce(person.Id, "mailboxSettings", TimeSpan.FromSeconds(1));
        var before = host.Simulator.RequestCount("mailboxSettings");

        await host.SyncEverythingAsync();

        // Mailbox settings go in $batch: every person read once, the throttled one twice (the SDK never retries an
        // inner 429; the batch runner waited and asked again for that mailbox alone).
        Assert.Equal(host.Simulator.Tenant.Users.Count + 1, host.Simulator.RequestCount("mailboxSettings") - before);
        Assert.True(host.Simulator.RequestCount("batch") >= 2);
        using var scope = host.Services.CreateScope();
        var employee = await scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId)
            .Employees.SingleAsync(e => e.Id == person.Id);
        Assert.Equal(person.TimeZone, employee.TimeZone);
        Assert.NotNull(employee.CalendarSyncedAt);
        Assert.Contains("users/{id}/mailboxSettings", throttled);
    }

    [Fact]
    public async Task Graph_traffic_is_counted_by_route_and_no_log_line_at_information_or_above_names_a_person()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind), employees: 40);
        _ = host.Server;
        var routes = new ConcurrentDictionary<string, long>();
        using var listener = ListenTo("wr.graph.requests", (route, value) => routes.AddOrUpdate(route, value, (_, n) => n + value));

        await host.SyncEverythingAsync();
        var person = host.Simulator.Tenant.Users.First(u => u.Role == DemoRole.Employee);
        Assert.Equal(HttpStatusCode.OK, (await (await host.SignedInAsync(person.Id)).GetAsync("/api/me/today")).StatusCode);

        Assert.True(routes.GetValueOrDefault("users/delta") >= 1);
        Assert.True(routes.GetValueOrDefault("users/{id}/mailboxSettings") >= 40);
        Assert.DoesNotContain(routes.Keys, route => host.Simulator.Tenant.Users.Any(u => route.Contains(u.Id.ToString())));
        var levels = new[] { "Information ", "Warning ", "Error ", "Critical " };
        var visible = host.Logs.Lines.Where(l => levels.Any(l.StartsWith)).ToList();
        Assert.NotEmpty(visible);
        foreach (var user in host.Simulator.Tenant.Users)
        {
            Assert.DoesNotContain(visible, l => l.Contains(user.Id.ToString(), StringComparison.OrdinalIgnoreCase)
                || l.Contains(user.Id.ToString("N"), StringComparison.OrdinalIgnoreCase)
                || l.Contains(user.UserPrincipalName, StringComparison.OrdinalIgnoreCase)
                || l.Contains(user.DisplayName, StringComparison.Ordinal));
        }
    }

    /// <summary>Listens to one of the service's counters; the meter is process-wide, so callers assert lower bounds only.</summary>
    private static MeterListener ListenTo(string instrument, Action<string, long> onMeasurement)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == Telemetry.MeterName && i.Name == instrument) l.EnableMeasurementEvents(i);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "route") onMeasurement(tag.Value?.ToString() ?? "", value);
        });
        listener.Start();
        return listener;
    }
}

public sealed class SqliteGraphResilienceTests() : GraphResilienceTests(DatabaseKind.Sqlite);
public sealed class PostgresGraphResilienceTests() : GraphResilienceTests(DatabaseKind.Postgres);
