using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.CheckIns;
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

    private static CheckInChange? Change(PracticeSession session) => CheckInScoring.Score(new CheckIn(
        Answers(session.BeforeSelfKindness, session.BeforeSelfCriticism, session.BeforeTension),
        Answers(session.AfterSelfKindness, session.AfterSelfCriticism, session.AfterTension),
        session.FeltWorse));

    private static CheckInAnswers? Answers(int? kindness, int? criticism, int? tension) =>
        kindness is null && criticism is null && tension is null ? null : new CheckInAnswers(kindness, criticism, tension);
}
