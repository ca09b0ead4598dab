using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Breaks;

public sealed record CheckInDto(int SelfKindness, int SelfCriticism, int Tension);
public sealed record CompleteRequest(CheckInDto? Before, CheckInDto? After, bool FeltWorse);
public sealed record PracticeSessionRequest(string PracticeId, int LengthMinutes, CheckInDto? Before, CheckInDto? After, bool FeltWorse);
public sealed record PracticeSessionResponse(Guid Id, string PracticeId, int LengthMinutes, DateTimeOffset CompletedAt);

public sealed record OfferDto(Guid Id, DateTimeOffset Start, int LengthMinutes, string Reason, string Status, string PracticeId)
{
    public static OfferDto From(BreakOffer offer, TimeZoneInfo zone) => new(
        offer.Id, BreakEndpoints.ToLocal(offer.Start, zone), offer.LengthMinutes,
        (BreakReason)offer.Reason switch
        {
            BreakReason.AfterBackToBack => "afterBackToBack",
            BreakReason.Arrival => "arrival",
            _ => "gap",
        },
        offer.Status switch
        {
            OfferStatus.Planned or OfferStatus.Sending => "planned",
            OfferStatus.Delivered => "delivered",
            OfferStatus.Started => "started",
            OfferStatus.Completed => "completed",
            OfferStatus.Skipped => "skipped",
            _ => "expired",
        },
        offer.PracticeId);
}

/// <summary>The person's answers to an offer, and practices they ran on their own.</summary>
public sealed class OfferActions(AppDbContext db, PracticeCatalogue catalogue, TimeProvider clock)
{
    private static readonly OfferStatus[] Open = [OfferStatus.Planned, OfferStatus.Sending, OfferStatus.Delivered, OfferStatus.Started];

    public async Task<Results<Ok<OfferDto>, ProblemHttpResult>> RespondAsync(CurrentUser user, Guid offerId, OfferStatus answer, CancellationToken ct)
    {
        var (offer, zone) = await FindAsync(user, offerId, ct);
        if (offer is null) return OfferNotFound();
        if (offer.Status == answer) return TypedResults.Ok(OfferDto.From(offer, zone));
        if (!Open.Contains(offer.Status) || (answer == OfferStatus.Skipped && offer.Status == OfferStatus.Started))
            return Conflict(offer);
        offer.Status = answer;
        offer.RespondedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OfferDto.From(offer, zone));
    }

    public async Task<Results<Ok<OfferDto>, ProblemHttpResult, ValidationProblem>> CompleteAsync(
        CurrentUser user, Guid offerId, CompleteRequest request, CancellationToken ct)
    {
        if (Validate(request.Before, request.After) is { } invalid) return invalid;
        var (offer, zone) = await FindAsync(user, offerId, ct);
        if (offer is null) return OfferNotFound();
        if (offer.Status == OfferStatus.Completed) return TypedResults.Ok(OfferDto.From(offer, zone));
        if (!Open.Contains(offer.Status)) return Conflict(offer);
        var now = clock.GetUtcNow();
        offer.Status = OfferStatus.Completed;
        offer.RespondedAt = now;
        var length = catalogue.Find(offer.PracticeId)?.VersionFor(offer.LengthMinutes)?.LengthMinutes ?? offer.LengthMinutes;
        db.PracticeSessions.Add(Session(user.UserId, offer.Id, offer.PracticeId, length, now, request.Before, request.After, request.FeltWorse));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(OfferDto.From(offer, zone));
    }

    public async Task<Results<Created<PracticeSessionResponse>, ProblemHttpResult, ValidationProblem>> RecordPracticeAsync(
        CurrentUser user, PracticeSessionRequest request, CancellationToken ct)
    {
        if (Validate(request.Before, request.After) is { } invalid) return invalid;
        var practice = catalogue.Find(request.PracticeId);
        if (practice is null || practice.Versions.All(v => v.LengthMinutes != request.LengthMinutes))
            return TypedResults.Problem(statusCode: 400, title: "Unknown practice",
                detail: $"There is no {request.LengthMinutes}-minute version of practice '{request.PracticeId}'.");
        db.ForTenant(user.TenantId);
        if (!await db.Employees.AnyAsync(e => e.Id == user.UserId, ct))
            return TypedResults.Problem(statusCode: 404, title: "Not set up yet", detail: "Your calendar has not been read yet.");
        var session = Session(user.UserId, null, practice.Id, request.LengthMinutes, clock.GetUtcNow(), request.Before, request.After, request.FeltWorse);
        db.PracticeSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/practice-sessions/{session.Id}",
            new PracticeSessionResponse(session.Id, session.PracticeId, session.LengthMinutes, session.CompletedAt));
    }

    private async Task<(BreakOffer? Offer, TimeZoneInfo Zone)> FindAsync(CurrentUser user, Guid offerId, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        // Scoped to the person as well as the tenant: nobody can act on someone else's offer.
        var offer = await db.BreakOffers.FirstOrDefaultAsync(o => o.Id == offerId && o.EmployeeId == user.UserId, ct);
        var employee = offer is null ? null : await db.Employees.AsNoTracking().FirstAsync(e => e.Id == user.UserId, ct);
        return (offer, LocalTime.Find(employee?.TimeZone ?? "UTC"));
    }

    private static PracticeSession Session(Guid employeeId, Guid? offerId, string practiceId, int length, DateTimeOffset at,
        CheckInDto? before, CheckInDto? after, bool feltWorse) => new()
    {
        Id = Guid.NewGuid(), EmployeeId = employeeId, OfferId = offerId, PracticeId = practiceId, LengthMinutes = length, CompletedAt = at,
        BeforeSelfKindness = before?.SelfKindness, BeforeSelfCriticism = before?.SelfCriticism, BeforeTension = before?.Tension,
        AfterSelfKindness = after?.SelfKindness, AfterSelfCriticism = after?.SelfCriticism, AfterTension = after?.Tension,
        FeltWorse = feltWorse,
    };

    private static ValidationProblem? Validate(CheckInDto? before, CheckInDto? after)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, checkIn) in new[] { ("before", before), ("after", after) })
        {
            if (checkIn is null) continue;
            foreach (var (item, value) in new[] { ("selfKindness", checkIn.SelfKindness), ("selfCriticism", checkIn.SelfCriticism), ("tension", checkIn.Tension) })
                if (value is < 1 or > 5) errors[$"{name}.{item}"] = [$"Answers run from 1 to 5; {value} is outside that."];
        }
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The check-in has answers out of range");
    }

    private static ProblemHttpResult OfferNotFound() =>
        TypedResults.Problem(statusCode: 404, title: "No such break offer", detail: "This break offer does not exist or is not yours.");

    private static ProblemHttpResult Conflict(BreakOffer offer) => TypedResults.Problem(statusCode: 409, title: "This break can no longer change",
        detail: $"The offer is already {offer.Status.ToString().ToLowerInvariant()}.");
}
