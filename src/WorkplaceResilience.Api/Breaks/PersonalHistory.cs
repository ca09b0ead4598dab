using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.CheckIns;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Breaks;

/// <summary>
/// A person's own outcomes (answered offers and the practices they ran, with check-in change), oldest first:
/// what adaptation learns from and what "what tends to help me" summarises. Read for that person only.
/// </summary>
public sealed class PersonalHistory(AppDbContext db, PracticeCatalogue catalogue)
{
    public async Task<List<PracticeOutcome>> OutcomesAsync(Guid tenantId, Guid employeeId, CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var sessions = await db.PracticeSessions.AsNoTracking().Where(s => s.EmployeeId == employeeId).ToListAsync(cancellationToken);
        var answered = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employeeId && (o.Status == OfferStatus.Skipped || o.Status == OfferStatus.Started))
            .ToListAsync(cancellationToken);
        var outcomes = new List<PracticeOutcome>();
        foreach (var session in sessions)
            if (catalogue.Find(session.PracticeId) is { } practice)
                outcomes.Add(new PracticeOutcome(practice.Id, practice.Family, OfferResponse.Completed, Change(session), session.CompletedAt));
        foreach (var offer in answered)
            if (catalogue.Find(offer.PracticeId) is { } practice)
                outcomes.Add(new PracticeOutcome(practice.Id, practice.Family,
                    offer.Status == OfferStatus.Skipped ? OfferResponse.Skipped : OfferResponse.Started, null, offer.RespondedAt ?? offer.Start));
        outcomes.Sort((a, b) => Nullable.Compare(a.At, b.At));
        return outcomes;
    }

    /// <summary>
    /// What the planner must respect when it plans [<paramref name="from"/>, <paramref name="to"/>): the person's pause,
    /// their snoozes, the offers they were nudged about (cap and spacing), the ones they skipped (longer spacing) and how
    /// many they skipped in a row (back-off). The planner applies the rules; this only reads the facts. Offers made count
    /// from the moment they are due (being sent, deferred or snoozed too); withdrawn, expired and skipped ones do not.
    /// </summary>
    public async Task<PlannerHistory> PlannerHistoryAsync(Guid tenantId, Employee employee, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var notMade = new[] { OfferStatus.Planned, OfferStatus.Expired, OfferStatus.Cancelled, OfferStatus.Skipped };
        var inWindow = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employee.Id && o.Start >= from && o.Start < to && o.Status != OfferStatus.Expired && o.Status != OfferStatus.Cancelled)
            .Select(o => new { o.Start, o.Status, o.RespondedAt, o.NextAttemptAt })
            .ToListAsync(cancellationToken);
        var answered = new[] { OfferStatus.Skipped, OfferStatus.Started, OfferStatus.Completed };
        var recent = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employee.Id && answered.Contains(o.Status) && o.RespondedAt != null)
            .OrderByDescending(o => o.RespondedAt).Take(10).Select(o => o.Status)
            .ToListAsync(cancellationToken);
        var pausedUntil = await db.PersonSettings.AsNoTracking().Where(s => s.EmployeeId == employee.Id)
            .Select(s => s.PausedUntil).FirstOrDefaultAsync(cancellationToken);
        return new PlannerHistory
        {
            PausedUntil = pausedUntil is { } day ? People.LocalTime.StartOfDay(People.LocalTime.Find(employee.TimeZone), day) : null,
            Snoozes = inWindow.Where(o => o.Status == OfferStatus.Snoozed && o.RespondedAt is not null && o.NextAttemptAt is not null)
                .Select(o => new Snooze(o.RespondedAt!.Value, o.NextAttemptAt!.Value)).ToList(),
            OffersToday = inWindow.Where(o => !notMade.Contains(o.Status) || (o.Status == OfferStatus.Planned && o.Start <= now))
                .Select(o => o.Start).ToList(),
            SkipsToday = inWindow.Where(o => o.Status == OfferStatus.Skipped).Select(o => o.Start).ToList(),
            ConsecutiveSkips = recent.TakeWhile(s => s == OfferStatus.Skipped).Count(),
        };
    }

    private static CheckInChange? Change(PracticeSession session) => CheckInScoring.Score(new CheckIn(
        Answers(session.BeforeSelfKindness, session.BeforeSelfCriticism, session.BeforeTension),
        Answers(session.AfterSelfKindness, session.AfterSelfCriticism, session.AfterTension),
        session.FeltWorse));

    private static CheckInAnswers? Answers(int? kindness, int? criticism, int? tension) =>
        kindness is null && criticism is null && tension is null ? null : new CheckInAnswers(kindness, criticism, tension);
}
