using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Breaks;

/// <param name="Offered">Every break offered that day, including those still to come.</param>
/// <param name="Taken">Offered breaks the person started or completed.</param>
/// <param name="Missed">Offered breaks whose moment passed unanswered.</param>
/// <param name="OnTheirOwn">Practices the person ran without an offer.</param>
public sealed record WeekDayDto(DateOnly Date, int Offered, int Taken, int Skipped, int Missed, int OnTheirOwn);

public sealed record WeekTotalsDto(int Offered, int Taken, int Skipped, int Missed, int OnTheirOwn);

/// <summary>Mean of after − before over the practices where both answers to that item exist; null when there are none.</summary>
/// <param name="SelfCriticism">Lower is better here: a negative change means the person was kinder in their self-talk.</param>
public sealed record CheckInAveragesDto(
    double? SelfKindness, int SelfKindnessCount, double? SelfCriticism, int SelfCriticismCount, double? Tension, int TensionCount);

/// <param name="Practices">Every practice recorded this week (from offers and on their own).</param>
/// <param name="FeltWorse">How many of them ended with "this made me feel worse".</param>
/// <param name="RoomToBreathe">Whether to suggest ending meetings early, from the last two weeks of the person's calendar.</param>
public sealed record WeekResponse(
    DateOnly From, DateOnly To, string TimeZoneIana, IReadOnlyList<WeekDayDto> Days, WeekTotalsDto Totals,
    int Practices, CheckInAveragesDto CheckIns, int FeltWorse, RoomToBreatheDto RoomToBreathe);

/// <summary>"My week": the last seven local days of the person's own breaks and practices, for their eyes only.</summary>
public static class WeekEndpoints
{
    public const int Days = 7;

    public static RouteGroupBuilder MapWeek(this RouteGroupBuilder me)
    {
        me.MapGet("/me/week", GetWeekAsync);
        return me;
    }

    private static async Task<Results<Ok<WeekResponse>, ProblemHttpResult>> GetWeekAsync(
        CurrentUser user, AppDbContext db, CalendarStore calendar, OfferPlanning planning, TimeProvider clock, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        if (employee is null) return BreakEndpoints.NotYetKnown();
        var zone = LocalTime.Find(employee.TimeZone);
        var today = LocalTime.TodayFor(zone, clock.GetUtcNow());
        var first = today.AddDays(1 - Days);
        var from = LocalTime.StartOfDay(zone, first);
        var to = LocalTime.StartOfDay(zone, today.AddDays(1));

        var offers = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == user.UserId && o.Start >= from && o.Start < to)
            .Select(o => new { o.Start, o.Status })
            .ToListAsync(ct);
        var sessions = await db.PracticeSessions.AsNoTracking()
            .Where(s => s.EmployeeId == user.UserId && s.CompletedAt >= from && s.CompletedAt < to)
            .ToListAsync(ct);

        DateOnly DayOf(DateTimeOffset instant) => LocalTime.TodayFor(zone, instant);
        var days = Enumerable.Range(0, Days).Select(i => first.AddDays(i)).Select(day =>
        {
            var mine = offers.Where(o => DayOf(o.Start) == day).ToList();
            return new WeekDayDto(day, mine.Count,
                mine.Count(o => o.Status is OfferStatus.Started or OfferStatus.Completed),
                mine.Count(o => o.Status == OfferStatus.Skipped),
                mine.Count(o => o.Status == OfferStatus.Expired),
                sessions.Count(s => s.OfferId is null && DayOf(s.CompletedAt) == day));
        }).ToList();
        var totals = new WeekTotalsDto(days.Sum(d => d.Offered), days.Sum(d => d.Taken), days.Sum(d => d.Skipped),
            days.Sum(d => d.Missed), days.Sum(d => d.OnTheirOwn));

        var kindness = Changes(sessions, s => (s.BeforeSelfKindness, s.AfterSelfKindness));
        var criticism = Changes(sessions, s => (s.BeforeSelfCriticism, s.AfterSelfCriticism));
        var tension = Changes(sessions, s => (s.BeforeTension, s.AfterTension));
        var checkIns = new CheckInAveragesDto(Mean(kindness), kindness.Count, Mean(criticism), criticism.Count, Mean(tension), tension.Count);
        var roomToBreathe = await RoomToBreathe.AdviseAsync(calendar, employee, await planning.SettingsAsync(user.TenantId, ct), today, ct);
        return TypedResults.Ok(new WeekResponse(first, today, LocalTime.IanaName(zone), days, totals,
            sessions.Count, checkIns, sessions.Count(s => s.FeltWorse), roomToBreathe));
    }

    private static List<int> Changes(IEnumerable<PracticeSession> sessions, Func<PracticeSession, (int? Before, int? After)> item) =>
        sessions.Select(item).Where(p => p is { Before: not null, After: not null }).Select(p => p.After!.Value - p.Before!.Value).ToList();

    private static double? Mean(List<int> changes) => changes.Count == 0 ? null : Math.Round(changes.Average(), 2);
}
