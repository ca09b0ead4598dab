using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Reports;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>Raw activity for HR's reports, written straight into the tables, and the rollup that releases it.</summary>
public static class ReportSeed
{
    /// <summary>A week of activity for everyone: five offers (varied answers), practices with check-ins, two back-to-back meetings a day.</summary>
    public static async Task WeekAsync(ApiHost host, DateOnly monday)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var people = await db.Employees.Where(e => e.IsActive).Select(e => e.Id).OrderBy(id => id).ToListAsync();
        var statuses = new[] { OfferStatus.Completed, OfferStatus.Completed, OfferStatus.Started, OfferStatus.Skipped, OfferStatus.Delivered };
        for (var p = 0; p < people.Count; p++)
            for (var day = 0; day < 5; day++)
            {
                // Noon UTC is inside Monday–Friday in every demo zone.
                var at = new DateTimeOffset(monday.AddDays(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
                var status = statuses[(p + day) % statuses.Length];
                var offerId = Guid.NewGuid();
                db.BreakOffers.Add(new BreakOffer
                {
                    Id = offerId, EmployeeId = people[p], Start = at, LengthMinutes = 5, Reason = day % 2, PracticeId = "soothing-touch",
                    Status = status, CreatedAt = at.AddDays(-1), DeliveredAt = at.AddMinutes(-2),
                });
                if (status == OfferStatus.Completed)
                    db.PracticeSessions.Add(new PracticeSession
                    {
                        Id = Guid.NewGuid(), EmployeeId = people[p], OfferId = offerId, PracticeId = "soothing-touch", LengthMinutes = 5,
                        CompletedAt = at.AddMinutes(6), BeforeTension = 4, AfterTension = 2, FeltWorse = p % 7 == 0,
                    });
                for (var m = 0; m < 2; m++)
                    db.CalendarEntries.Add(new CalendarEntry
                    {
                        EmployeeId = people[p], EventHash = $"seed-{monday:yyyyMMdd}-{day}-{m}", Start = at.AddHours(1 + m), End = at.AddHours(2 + m),
                        ShowAs = 2, Response = 3,
                    });
            }
        await db.Employees.ExecuteUpdateAsync(s => s.SetProperty(e => e.ShareCheckInsInReports, true));
        await db.SaveChangesAsync();
    }

    /// <summary>Seeds the last closed week (once) and releases it.</summary>
    public static async Task LastWeekReleasedAsync(ApiHost host)
    {
        var week = ReportWeeks.LastClosed(host.Clock.GetUtcNow());
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
            if (await db.ReportReleases.AnyAsync(r => r.WeekStart == week)) return;
        }
        await WeekAsync(host, week);
        await host.Services.GetRequiredService<ReportRollupJob>().RollUpDueWeeksAsync(host.TenantId, CancellationToken.None);
    }
}
