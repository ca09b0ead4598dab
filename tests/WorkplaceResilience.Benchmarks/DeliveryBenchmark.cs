using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Demo;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Benchmarks;

/// <summary>
/// Issue 9: the top-of-the-hour rush. The real host (demo mode, embedded SQLite, jobs off) with 100,000 people in the
/// simulator; a fifth of them have a meeting ending at the same minute T and a break offer there (gaps of 5–30 minutes,
/// practices of 1, 3 or 5 minutes). At T the delivery job runs back to back, as its recurring runs would, until every
/// offer is sent or expired. The simulator enforces Graph's per-tenant rates (2 bulk calls/s of ≤100 recipients,
/// 5 per-user calls/s) and records each accepted notification; the figures come from its record. Everyone in the rush is
/// Available (the generated calendars would put some of them in other meetings; deferral for presence has its own tests),
/// but presence is still read for each of them, in bulk.
/// </summary>
public static class DeliveryBenchmark
{
    private const int People = 100_000;
    private const int InTheRush = People / 5;

    public static int Run(string[] args) => RunAsync().GetAwaiter().GetResult();

    private static async Task<int> RunAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("wr-delivery-bench").FullName;
        var rush = NextSundayTen(DateTimeOffset.UtcNow);
        var clock = new ShiftedClock(rush - TimeSpan.FromMinutes(30));
        await using var app = await ServiceHost.StartAsync(dataDirectory, People, new Dictionary<string, string?>(), clock);
        var simulator = app.Services.GetRequiredService<DemoSimulator>().Server!;
        var tenantId = simulator.Tenant.TenantId;

        var setup = Stopwatch.StartNew();
        // Calendars count as freshly synced throughout the rush (the sync job, not running here, keeps them within
        // Jobs:CalendarRefreshAfter), so delivery reads none again.
        var gaps = new[] { 5, 10, 15, 30 };
        var lengths = new[] { 1, 3, 5 };
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var users = simulator.Tenant.Users;
            for (var i = 0; i < users.Count; i++)
            {
                var id = users[i].Id;
                db.Employees.Add(new Employee { TenantId = tenantId, Id = id, Department = users[i].Department, CalendarSyncedAt = rush.AddMinutes(10), NextCalendarSyncAt = rush.AddHours(1) });
                if (i % 5 == 0)
                {
                    var gap = gaps[i / 5 % gaps.Length];
                    var length = Math.Min(lengths[i / 5 % lengths.Length], gap);
                    db.CalendarEntries.Add(Meeting(tenantId, id, "before", rush.AddMinutes(-30), rush));
                    db.CalendarEntries.Add(Meeting(tenantId, id, "after", rush.AddMinutes(gap), rush.AddMinutes(gap + 30)));
                    simulator.AddEvent(id, rush.AddMinutes(-30), rush, "Before the rush");
                    simulator.AddEvent(id, rush.AddMinutes(gap), rush.AddMinutes(gap + 30), "After the rush");
                    simulator.SetPresence(id, "Available", "Available");
                    db.BreakOffers.Add(new BreakOffer
                    {
                        TenantId = tenantId, Id = Guid.NewGuid(), EmployeeId = id, Start = rush, LengthMinutes = length, PracticeId = "kind-phrases", CreatedAt = rush.AddHours(-2),
                    });
                }
                if (i % 5000 == 4999)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"# {People:N0} people, {InTheRush:N0} with a gap opening at {rush:yyyy-MM-dd HH:mm} UTC; set up in {setup.Elapsed.TotalSeconds:F0} s; " +
                          $"{Environment.ProcessorCount} cores, {Environment.Version}, SQLite");

        var throttled = new List<(long At, string Route)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.MeterName && instrument.Name == "wr.graph.throttled") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var route = "";
            foreach (var tag in tags) if (tag.Key == "route") route = tag.Value?.ToString() ?? "";
            lock (throttled) throttled.Add((Stopwatch.GetTimestamp(), route));
        });
        listener.Start();

        var before = Calls(simulator);
        clock.Set(rush);
        var burst = Stopwatch.StartNew();
        var started = Stopwatch.GetTimestamp();
        var job = app.Services.GetRequiredService<OfferDeliveryJob>();
        while (burst.Elapsed < TimeSpan.FromMinutes(8))
        {
            await job.DeliverDueAsync(CancellationToken.None);
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            if (!db.BreakOffers.Any(o => !BreakOffer.Final.Contains(o.Status) && !BreakOffer.Reached.Contains(o.Status))) break;
        }
        var calls = Calls(simulator) - before;

        var sent = simulator.SentNotifications;
        var lateness = sent.Select(n => (n.SentAt - rush).TotalSeconds).Order().ToList();
        var first = sent.Count == 0 ? rush : sent.Min(n => n.SentAt);
        var span = sent.Count < 2 ? 1 : (sent.Max(n => n.SentAt) - first).TotalSeconds;
        int expired, total;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
            total = db.BreakOffers.Count();
            expired = db.BreakOffers.Count(o => o.Status == OfferStatus.Expired || o.Status == OfferStatus.Cancelled);
            foreach (var group in db.BreakOffers.GroupBy(o => new { o.Status, o.EndReason }).Select(g => new { g.Key.Status, g.Key.EndReason, Count = g.Count() }).ToList())
                Console.WriteLine($"# offers {group.Status} ({group.EndReason}): {group.Count:N0}");
        }
        // "Steady": after the first ten seconds, once pacing has settled.
        var steadyFrom = started + (long)(10 * Stopwatch.Frequency);
        var steady429s = throttled.Count(t => t.At >= steadyFrom);
        Console.WriteLine($"# {sent.Count:N0} people nudged from {(first - rush).TotalSeconds:F1} s after the gap opened, over {span:F0} s " +
                          $"(wall {burst.Elapsed.TotalSeconds:F0} s), {calls:N0} Graph calls ({simulator.RequestCount("sendActivityNotificationToRecipients"):N0} bulk, " +
                          $"{simulator.RequestCount("sendActivityNotification"):N0} per-user), {throttled.Count} 429s in all " +
                          $"({string.Join(", ", throttled.GroupBy(t => t.Route).Select(g => $"{g.Count()} {g.Key}"))}); load average {LoadAverage()}");
        Console.WriteLine($"delivery-recipients-per-second: {sent.Count / span:F1} recipients/s");
        Console.WriteLine($"delivery-lateness-p95-seconds: {Percentile(lateness, 0.95):F1} s");
        Console.WriteLine($"delivery-expired-share: {(double)expired / total:F3} share");
        Console.WriteLine($"delivery-steady-429s: {steady429s} responses");
        Console.WriteLine($"graph-calls-per-100-recipients: {100.0 * calls / Math.Max(1, sent.Count):F2} calls");
        await app.StopAsync();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        return 0;
    }

    /// <summary>The machine's one-minute load average (Linux), for reading the figures: other work shares the cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static long Calls(GraphSimulator.GraphSimulatorServer simulator) =>
        new[] { "presence", "sendActivityNotification", "sendActivityNotificationToRecipients", "calendarView", "token" }
            .Sum(simulator.RequestCount);

    private static CalendarEntry Meeting(Guid tenant, Guid employee, string name, DateTimeOffset start, DateTimeOffset end) => new()
    {
        TenantId = tenant, EmployeeId = employee, EventHash = $"{name}-{employee:N}", Start = start, End = end, ShowAs = 2, Response = 1,
    };

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static DateTimeOffset NextSundayTen(DateTimeOffset from)
    {
        var day = from.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(1);
        return new DateTimeOffset(day.AddHours(10), TimeSpan.Zero);
    }

    /// <summary>Real time, moved to a chosen instant: the rush starts when the benchmark says so, and then time runs.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private TimeSpan offset = start - DateTimeOffset.UtcNow;

        public void Set(DateTimeOffset now) => offset = now - DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + offset;
    }
}
