using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.GraphSimulator;
using WorkplaceResilience.GraphSimulator.Calendar;

namespace WorkplaceResilience.Benchmarks;

/// <summary>
/// Issue 8: the real service (demo host, embedded SQLite) against the Graph simulator with N people (default 10,000)
/// and a working day of churn (about 15 changes per person) on a simulated clock. The calendar-sync job is driven
/// every 30 simulated seconds, as it runs in production; just before each break offer's moment the calendar is made
/// fresh, as the delivery job does, and the offer is checked against the simulator's truth.
/// Options: <c>--people N</c>, <c>--coalescing MINUTES</c> (Jobs:CalendarChangeCoalescing).
/// </summary>
public static class SyncBenchmark
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var people = args.SkipWhile(a => a != "--people").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(10_000);
        var coalescing = args.SkipWhile(a => a != "--coalescing").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(0);
        var data = Directory.CreateTempSubdirectory("wr-sync-benchmark-").FullName;
        // The service's content root, which WebApplicationFactory finds this way outside a test project.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "src", "WorkplaceResilience.Api"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WORKPLACERESILIENCE_API",
            Path.Combine(root?.FullName ?? ".", "src", "WorkplaceResilience.Api"));
        var clock = new SimulatedClock(new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero));
        await using var factory = new Host(data, people, coalescing, clock);
        _ = factory.Server;
        var services = factory.Services;
        var simulator = services.GetRequiredService<DemoSimulator>().Server!;
        var tenant = simulator.Tenant.TenantId;
        var sync = services.GetRequiredService<CalendarSync>();
        var subscriptions = services.GetRequiredService<CalendarSubscriptions>();
        var queue = services.GetRequiredService<CalendarChangeQueue>();
        var wall = Stopwatch.StartNew();
        long peakBytes = 0;
        void Sample() => peakBytes = Math.Max(peakBytes, Process.GetCurrentProcess().WorkingSet64);

        // Initial sync and subscriptions: not part of the steady state.
        await services.GetRequiredService<DirectorySyncJob>().SyncTenantAsync(tenant, CancellationToken.None);
        while (await sync.SyncDueAsync(tenant, CancellationToken.None) > 0) Sample();
        while (await subscriptions.MaintainAsync(tenant, CancellationToken.None) > 0) Sample();
        while (await sync.SyncDueAsync(tenant, CancellationToken.None) > 0) Sample();
        Console.WriteLine($"# change coalescing {coalescing} min");
        Console.WriteLine($"# {people:N0} people, initial sync and {simulator.Subscriptions.Count:N0} subscriptions in {wall.Elapsed.TotalSeconds:F0} s wall");

        long throttled = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == Telemetry.MeterName && i.Name == "wr.graph.throttled") l.EnableMeasurementEvents(i); },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref throttled, value));
        listener.Start();
        var before = Requests(simulator);
        var countsBefore = simulator.RequestCounts;

        var churn = new CalendarChurn(simulator, seed: 8);
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1);
        var plan = churn.PlanDay(day, 15);
        var start = clock.GetUtcNow();
        var end = plan[^1].At + TimeSpan.FromHours(1);
        var latencies = new List<double>();
        var pending = new List<AppliedChange>();
        var offersChecked = 0;
        var offersIntoMeetings = 0;
        for (var at = start; at <= end; at += Tick)
        {
            clock.Set(at);
            var made = churn.ApplyDue(at);
            if (made > 0) pending.AddRange(churn.Applied.TakeLast(made));
            await simulator.WhenNotificationsDeliveredAsync();
            await queue.WhenProcessedAsync(CancellationToken.None);
            while (await sync.SyncDueAsync(tenant, CancellationToken.None) > 0) { }
            if ((at - start).Ticks % TimeSpan.FromMinutes(30).Ticks == 0)
                await subscriptions.MaintainAsync(tenant, CancellationToken.None);
            (offersChecked, offersIntoMeetings) = Add((offersChecked, offersIntoMeetings), await DeliverAsync(services, sync, simulator, tenant, at));
            pending = await MeasureAsync(services, tenant, pending, latencies);
            Sample();
        }

        var hours = (end - start).TotalHours;
        var requests = Requests(simulator) - before;
        Console.WriteLine($"# {plan.Count:N0} changes over {hours:F1} simulated hours, {offersChecked:N0} offers delivered, {latencies.Count:N0} changes reached a plan, " +
                          $"{requests:N0} Graph requests ({string.Join(", ", Breakdown(simulator, countsBefore))}), {wall.Elapsed.TotalMinutes:F1} min wall");
        // Each person has exactly one working day of churn in the span (plus the nights around it): per person, not per 24 h.
        Console.WriteLine($"graph-requests-per-person-day: {requests / (double)people:F2} requests");
        Console.WriteLine($"offers-into-meetings: {offersIntoMeetings} offers");
        Console.WriteLine($"change-to-plan-p95-seconds: {Percentile(latencies, 0.95):F0} s");
        Console.WriteLine($"steady-state-429s: {Interlocked.Read(ref throttled)} responses");
        Console.WriteLine($"sync-peak-memory-mb: {peakBytes / 1024.0 / 1024.0:F0} MB");
        // What the peak is made of: one process holds the service, the simulator (every calendar, its truth and the
        // churn's record) and SQLite's page cache; the working set also keeps memory the GC freed but did not return.
        var heapAtLastCollection = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        Console.WriteLine($"# managed heap: {heapAtLastCollection / 1024.0 / 1024.0:F0} MB at the last collection of the run, " +
                          $"{GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0:F0} MB live after a full one (service and simulator together)");
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static (int, int) Add((int, int) a, (int, int) b) => (a.Item1 + b.Item1, a.Item2 + b.Item2);

    /// <summary>Graph requests that count against throttling: each one inside a $batch, not the envelope or tokens.</summary>
    private static long Requests(GraphSimulatorServer simulator) =>
        simulator.RequestCounts.Where(c => c.Key is not ("batch" or "token")).Sum(c => c.Value);

    private static IEnumerable<string> Breakdown(GraphSimulatorServer simulator, IReadOnlyDictionary<string, long> before) =>
        simulator.RequestCounts.Where(c => c.Key != "token").Select(c => (c.Key, Value: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.Value > 0).OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:N0}");

    /// <summary>
    /// Offers whose moment comes within the next tick are "delivered": first their people's calendars are made fresh
    /// (<see cref="CalendarSync.EnsureFreshAsync"/>, as before a nudge), then each offer still planned is checked
    /// against the simulator's truth (busy, out-of-office or tentative, not cancelled, not declined).
    /// </summary>
    private static async Task<(int Delivered, int IntoMeetings)> DeliverAsync(
        IServiceProvider services, CalendarSync sync, GraphSimulatorServer simulator, Guid tenant, DateTimeOffset at)
    {
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenant);
            var due = await db.BreakOffers.Where(o => o.Status == OfferStatus.Planned && o.Start > at && o.Start <= at + Tick)
                .Select(o => o.EmployeeId).Distinct().ToListAsync();
            if (due.Count == 0) return (0, 0);
            await sync.EnsureFreshAsync(tenant, due, CancellationToken.None);
        }

        using var check = services.CreateScope();
        var checkDb = check.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenant);
        var offers = await checkDb.BreakOffers.Where(o => o.Status == OfferStatus.Planned && o.Start > at && o.Start <= at + Tick).ToListAsync();
        var into = 0;
        foreach (var offer in offers)
        {
            var endAt = offer.Start.AddMinutes(offer.LengthMinutes);
            if (simulator.Truth(offer.EmployeeId, offer.Start, endAt).Any(e => !e.IsCancelled && e.Response != "declined" && e.ShowAs is "busy" or "oof" or "tentative"))
                into++;
        }
        await checkDb.BreakOffers.Where(o => offers.Select(x => x.Id).Contains(o.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OfferStatus.Delivered).SetProperty(o => o.DeliveredAt, at));
        return (offers.Count, into);
    }

    /// <summary>
    /// A change has reached the plan once its person's calendar was read after it, or a notification's data was applied
    /// after it (both re-plan).
    /// </summary>
    private static async Task<List<AppliedChange>> MeasureAsync(IServiceProvider services, Guid tenant, List<AppliedChange> pending, List<double> latencies)
    {
        if (pending.Count == 0) return pending;
        using var scope = services.CreateScope();
        var ids = pending.Select(c => c.UserId).Distinct().ToList();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenant);
        var synced = await db.Employees.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.CalendarSyncedAt, db.CalendarSyncStates.First(s => s.EmployeeId == e.Id).AppliedAt })
            .ToDictionaryAsync(e => e.Id, e => e.AppliedAt > e.CalendarSyncedAt || e.CalendarSyncedAt == null ? e.AppliedAt : e.CalendarSyncedAt);
        var still = new List<AppliedChange>();
        foreach (var change in pending)
        {
            if (synced.GetValueOrDefault(change.UserId) is { } read && read >= change.At) latencies.Add((read - change.At).TotalSeconds);
            else still.Add(change);
        }
        return still;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;
        public override DateTimeOffset GetUtcNow() { lock (this) return now; }
        public void Set(DateTimeOffset value) { lock (this) now = value; }
    }

    /// <summary>The service in demo mode, jobs off (driven here), the simulator calling its webhook in memory.</summary>
    private sealed class Host(string data, int people, int coalescingMinutes, TimeProvider clock) : WebApplicationFactory<CalendarSync> // any type of the service's assembly names its entry point
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:EmployeeCount", people.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Storage:DataDirectory", data);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Jobs:SubscriptionsPerRun", "1000");
            builder.UseSetting("Jobs:BatchSize", "500");
            builder.UseSetting("Jobs:CalendarChangeCoalescing", TimeSpan.FromMinutes(coalescingMinutes).ToString());
            builder.ConfigureLogging(logging => logging.ClearProviders());
            builder.ConfigureServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton(clock));
                services.AddHttpClient(DemoSimulator.WebhookClientName).ConfigurePrimaryHttpMessageHandler(() => new InMemory(this));
            });
        }

        private sealed class InMemory(Host host) : HttpMessageHandler
        {
            private HttpMessageInvoker? invoker;

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                invoker ??= new HttpMessageInvoker(host.Server.CreateHandler());
                return invoker.SendAsync(request, cancellationToken);
            }
        }
    }
}
