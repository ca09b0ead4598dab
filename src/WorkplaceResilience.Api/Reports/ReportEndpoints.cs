using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>
/// HR's view: aggregates by department over the last seven days. No person appears; groups under the
/// tenant's minimum size (and a companion, see <see cref="GroupSuppression"/>) are shown as suppressed.
/// </summary>
public static class ReportEndpoints
{
    public sealed record GroupRow(
        string Department, bool Suppressed, int? ActivePeople, int? OffersDelivered, int? Accepted, int? Completed,
        double? AcceptanceRate, double? AverageMeetingHoursPerDay);
    public sealed record SummaryResponse(int MinimumGroupSize, DateOnly PeriodStart, DateOnly PeriodEnd, IReadOnlyList<GroupRow> Groups);

    private static readonly OfferStatus[] Reached =
        [OfferStatus.Delivered, OfferStatus.Unconfirmed, OfferStatus.Snoozed, OfferStatus.Started, OfferStatus.Completed, OfferStatus.Skipped];
    private static readonly int[] BusyShowAs = [(int)ShowAs.Busy, (int)ShowAs.OutOfOffice, (int)ShowAs.Tentative];

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/summary", SummaryAsync).WithTags("Reports").RequireAuthorization(Policies.Hr);
        return app;
    }

    private static async Task<SummaryResponse> SummaryAsync(CurrentUser user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == user.TenantId, ct);
        var now = clock.GetUtcNow();
        var from = now.AddDays(-7);
        // People count as active once breaks were planned for them in the period, including later today.
        var until = now.AddDays(1);
        var departments = await db.Employees.AsNoTracking().Where(e => e.IsActive)
            .Select(e => new { e.Id, e.Department }).ToDictionaryAsync(e => e.Id, e => e.Department, ct);
        var offers = await db.BreakOffers.AsNoTracking()
            .Where(o => o.Start >= from && o.Start < until)
            .Select(o => new { o.EmployeeId, o.Status }).ToListAsync(ct);
        var meetings = await db.CalendarEntries.AsNoTracking()
            .Where(c => c.Start >= from && c.Start < now && !c.IsAllDay && !c.IsCancelled && BusyShowAs.Contains(c.ShowAs))
            .Select(c => new { c.EmployeeId, c.Start, c.End }).ToListAsync(ct);

        var byDepartment = departments.GroupBy(d => d.Value).ToDictionary(g => g.Key, g => g.Select(d => d.Key).ToHashSet());
        var rows = byDepartment.Keys.Order(StringComparer.Ordinal).Select(department =>
        {
            var people = byDepartment[department];
            var offered = offers.Where(o => people.Contains(o.EmployeeId)).ToList();
            var active = offered.Select(o => o.EmployeeId).Distinct().Count();
            var theirOffers = offered.Where(o => Reached.Contains(o.Status)).ToList();
            var accepted = theirOffers.Count(o => o.Status is OfferStatus.Started or OfferStatus.Completed);
            var theirMeetings = meetings.Where(m => people.Contains(m.EmployeeId)).ToList();
            var meetingHours = theirMeetings.Sum(m => (m.End - m.Start).TotalHours);
            // Averaged over the person-days we have calendars for, not over the calendar week.
            var personDays = theirMeetings.Select(m => (m.EmployeeId, m.Start.UtcDateTime.Date)).Distinct().Count();
            return (Department: department, Active: active, Delivered: theirOffers.Count, Accepted: accepted,
                Completed: theirOffers.Count(o => o.Status == OfferStatus.Completed),
                MeetingHoursPerDay: Math.Round(meetingHours / Math.Max(1, personDays), 1));
        }).ToList();

        var hidden = GroupSuppression.Suppressed(rows.ToDictionary(r => r.Department, r => r.Active), tenant.MinimumGroupSize);
        var groups = rows.Select(r => hidden.Contains(r.Department)
            ? new GroupRow(r.Department, true, null, null, null, null, null, null)
            : new GroupRow(r.Department, false, r.Active, r.Delivered, r.Accepted, r.Completed,
                GroupSuppression.SafeShare(r.Accepted, r.Delivered), r.MeetingHoursPerDay)).ToList();
        return new SummaryResponse(GroupSuppression.EffectiveMinimum(tenant.MinimumGroupSize),
            DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(until.UtcDateTime), groups);
    }
}
