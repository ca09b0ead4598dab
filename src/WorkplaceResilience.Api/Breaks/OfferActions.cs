using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Breaks;

public sealed record CheckInDto(int SelfKindness, int SelfCriticism, int Tension);
public sealed record CompleteRequest(bool FeltWorse, CheckInDto? Before = null, CheckInDto? After = null);
public sealed record PracticeSessionRequest(string PracticeId, int LengthMinutes, bool FeltWorse, CheckInDto? Before = null, CheckInDto? After = null);
public sealed record PracticeSessionResponse(Guid Id, string PracticeId, int LengthMinutes, DateTimeOffset CompletedAt);

/// <param name="OpensAt">When it can be started: its gap opens (the meeting before it ends) and its nudge goes out then.</param>
/// <param name="Startable">Whether Start works now (it is open, due and its moment has not passed).</param>
public sealed record OfferDto(
    Guid Id, DateTimeOffset Start, int LengthMinutes, string Reason, string Status, string PracticeId, DateTimeOffset OpensAt, bool Startable)
{
    public static OfferDto From(BreakOffer offer, TimeZoneInfo zone, DateTimeOffset now, OfferTiming timing) => new(
        offer.Id, BreakEndpoints.ToLocal(offer.Start, zone), offer.LengthMinutes,
        (BreakReason)offer.Reason switch
        {
            BreakReason.AfterBackToBack => "afterBackToBack",
            BreakReason.Arrival => "arrival",
            _ => "gap",
        },
        offer.Status switch
        {
            OfferStatus.Planned or OfferStatus.Sending or OfferStatus.InFlight or OfferStatus.Deferred => "planned",
            OfferStatus.Delivered or OfferStatus.Unconfirmed => "delivered",
            OfferStatus.Snoozed => "snoozed",
            OfferStatus.Cancelled => "cancelled",
            OfferStatus.Started => "started",
            OfferStatus.Completed => "completed",
            OfferStatus.Skipped => "skipped",
            _ => "expired",
        },
        offer.PracticeId,
        BreakEndpoints.ToLocal(offer.Start, zone),
        offer.CanStartNow(now, timing));
}

/// <summary>
/// The person's answers to an offer, and practices they ran on their own. Which answers an offer allows is the
/// offer's own business (<see cref="BreakOffer.StartPractice"/> and friends); this class loads, asks and stores.
/// </summary>
public sealed record PauseResponse(DateTimeOffset? PausedUntil, int OffersWithdrawn);

public sealed class OfferActions(
    AppDbContext db, PracticeCatalogue catalogue, OfferPlanning planning, TimeProvider clock, IOptions<JobOptions> jobs,
    Delivery.DeliveryCalendarCheck calendarCheck)
{
    /// <summary>Practices run outside offers a person may record per local day; more would only inflate HR's figures.</summary>
    public const int OwnPracticesPerDay = 12;
    public const int MaxPracticeIdLength = 64;

    private OfferTiming Timing => new(jobs.Value.DeliveryGrace);

    public Task<Results<Ok<OfferDto>, ProblemHttpResult>> StartAsync(CurrentUser user, Guid offerId, CancellationToken ct) =>
        ChangeAsync(user, offerId, (offer, now) => offer.StartPractice(now, Timing), ct);

    /// <param name="reason">Optional: busy, notNow, notHelpful or other (a fixed list; no free text is stored).</param>
    public Task<Results<Ok<OfferDto>, ProblemHttpResult>> SkipAsync(CurrentUser user, Guid offerId, string? reason, CancellationToken ct)
    {
        var skipReason = reason switch
        {
            null or "" => SkipReason.None,
            "busy" => SkipReason.Busy,
            "notNow" => SkipReason.NotNow,
            "notHelpful" => SkipReason.NotHelpful,
            "other" => SkipReason.Other,
            _ => (SkipReason?)null,
        };
        if (skipReason is not { } known)
            return Task.FromResult<Results<Ok<OfferDto>, ProblemHttpResult>>(TypedResults.Problem(statusCode: 400, title: "Unknown skip reason",
                detail: "A reason, if given, is one of busy, notNow, notHelpful or other."));
        return ChangeAsync(user, offerId, (offer, now) => offer.Skip(now, known), ct);
    }

    /// <summary>"Remind me in 10 minutes", only while the gap leaves room for a practice afterwards.</summary>
    public async Task<Results<Ok<OfferDto>, ProblemHttpResult>> SnoozeAsync(CurrentUser user, Guid offerId, CancellationToken ct)
    {
        var gap = (await calendarCheck.EnsureFreshCalendarsAsync(user.TenantId, [user.UserId], ct))[user.UserId];
        return await ChangeAsync(user, offerId, (offer, now) => offer.Snooze(now, gap.MeetingNow ? now : gap.GapEndFor(offer)), ct);
    }

    /// <summary>
    /// "Pause for today" or "pause this week" (until the person's next local midnight, or next Monday's): offers not yet
    /// sent before then are withdrawn, and the planner plans none (it reads the pause from the person's history).
    /// </summary>
    public async Task<Results<Ok<PauseResponse>, ProblemHttpResult>> PauseAsync(CurrentUser user, string? period, CancellationToken ct)
    {
        if (period is not ("today" or "week"))
            return TypedResults.Problem(statusCode: 400, title: "Unknown pause", detail: "Pause for 'today' or for this 'week'.");
        db.ForTenant(user.TenantId);
        var employee = await db.Employees.FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        if (employee is null) return BreakEndpoints.NotYetKnown();
        var now = clock.GetUtcNow();
        var zone = LocalTime.Find(employee.TimeZone);
        var asked = period == "today" ? Pause.UntilEndOfToday(now, zone) : Pause.UntilEndOfWeek(now, zone);
        // One pause, stored in the person's settings as the local date breaks resume on; a longer one already set stays.
        var resumeOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(asked, zone).DateTime);
        var settings = await db.PersonSettings.FirstOrDefaultAsync(s => s.EmployeeId == user.UserId, ct);
        if (settings is null) db.PersonSettings.Add(settings = new PersonSettings { EmployeeId = user.UserId });
        if (settings.PausedUntil is not { } longer || longer < resumeOn) settings.PausedUntil = resumeOn;
        settings.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var until = LocalTime.StartOfDay(zone, settings.PausedUntil!.Value);

        var withdrawn = 0;
        var unsent = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == user.UserId && o.Start < until && BreakOffer.Undelivered.Contains(o.Status)).ToListAsync(ct);
        foreach (var offer in unsent)
        {
            var previous = offer.Status;
            if (offer.CancelForPause(now) == OfferChange.Changed && await StoreAsync(offer, previous, ct)) withdrawn++;
        }
        return TypedResults.Ok(new PauseResponse(until, withdrawn));
    }

    /// <summary>Ends a pause (however it was set); the planner plans again from the next calendar sync.</summary>
    public async Task<Results<Ok<PauseResponse>, ProblemHttpResult>> ResumeAsync(CurrentUser user, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var updated = await db.Employees.Where(e => e.Id == user.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.NextCalendarSyncAt, clock.GetUtcNow()), ct);
        if (updated == 0) return BreakEndpoints.NotYetKnown();
        await db.PersonSettings.Where(s => s.EmployeeId == user.UserId).ExecuteUpdateAsync(s => s.SetProperty(x => x.PausedUntil, (DateOnly?)null), ct);
        return TypedResults.Ok(new PauseResponse(null, 0));
    }

    public async Task<Results<Ok<OfferDto>, ProblemHttpResult, ValidationProblem>> CompleteAsync(
        CurrentUser user, Guid offerId, CompleteRequest request, CancellationToken ct)
    {
        if (Validate(request.Before, request.After) is { } invalid) return invalid;
        var now = clock.GetUtcNow();
        var result = await ChangeAsync(user, offerId, (offer, at) => offer.Complete(at, Timing), ct, offer =>
        {
            var length = catalogue.Find(offer.PracticeId)?.VersionFor(offer.LengthMinutes)?.LengthMinutes ?? offer.LengthMinutes;
            db.PracticeSessions.Add(Session(user.UserId, offer.Id, offer.PracticeId, length, now, request.Before, request.After, request.FeltWorse));
        });
        if (result.Result is Ok<OfferDto> && request.FeltWorse) await planning.RechoosePendingAsync(user.TenantId, user.UserId, ct);
        return result.Result switch
        {
            Ok<OfferDto> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }

    public async Task<Results<Created<PracticeSessionResponse>, ProblemHttpResult, ValidationProblem>> RecordPracticeAsync(
        CurrentUser user, PracticeSessionRequest request, CancellationToken ct)
    {
        if (request.PracticeId is null or "" || request.PracticeId.Length > MaxPracticeIdLength)
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["practiceId"] = [$"A practice id of 1 to {MaxPracticeIdLength} characters is required."] },
                title: "The practice is missing or not valid");
        if (Validate(request.Before, request.After) is { } invalid) return invalid;
        var practice = catalogue.Find(request.PracticeId);
        if (practice is null)
            return TypedResults.Problem(statusCode: 400, title: "Unknown practice", detail: "No practice with that id.");
        if (practice.Versions.All(v => v.LengthMinutes != request.LengthMinutes))
            return TypedResults.Problem(statusCode: 400, title: "Unknown practice",
                detail: $"That practice has no {request.LengthMinutes}-minute version.");
        db.ForTenant(user.TenantId);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        if (employee is null)
            return TypedResults.Problem(statusCode: 404, title: "Not set up yet", detail: "Your calendar has not been read yet.");

        var now = clock.GetUtcNow();
        var zone = LocalTime.Find(employee.TimeZone);
        var today = LocalTime.TodayFor(zone, now);
        var (from, to) = (LocalTime.StartOfDay(zone, today), LocalTime.StartOfDay(zone, today.AddDays(1)));
        var recorded = await db.PracticeSessions.CountAsync(
            s => s.EmployeeId == user.UserId && s.OfferId == null && s.CompletedAt >= from && s.CompletedAt < to, ct);
        if (recorded >= OwnPracticesPerDay)
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "That is enough practices for today",
                detail: $"Up to {OwnPracticesPerDay} practices a day are recorded outside offered breaks. You can still practise; it is not recorded until tomorrow.",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling((to - now).TotalSeconds) });

        var session = Session(user.UserId, null, practice.Id, request.LengthMinutes, now, request.Before, request.After, request.FeltWorse);
        db.PracticeSessions.Add(session);
        await db.SaveChangesAsync(ct);
        if (request.FeltWorse) await planning.RechoosePendingAsync(user.TenantId, user.UserId, ct);
        return TypedResults.Created($"/api/practice-sessions/{session.Id}",
            new PracticeSessionResponse(session.Id, session.PracticeId, session.LengthMinutes, session.CompletedAt));
    }

    /// <summary>
    /// Applies one of the offer's transitions and stores it only if the offer still has the status it was read with:
    /// the delivery job changes offers in bulk meanwhile, and a change it made must not be overwritten.
    /// </summary>
    private async Task<Results<Ok<OfferDto>, ProblemHttpResult>> ChangeAsync(CurrentUser user, Guid offerId,
        Func<BreakOffer, DateTimeOffset, OfferChange> change, CancellationToken ct, Action<BreakOffer>? alongside = null)
    {
        db.ForTenant(user.TenantId);
        // Scoped to the person as well as the tenant: nobody can act on someone else's offer.
        var offer = await db.BreakOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == offerId && o.EmployeeId == user.UserId, ct);
        if (offer is null) return OfferNotFound();
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        var zone = LocalTime.Find(employee?.TimeZone ?? "UTC");
        var previous = offer.Status;
        var now = clock.GetUtcNow();
        if (offer.HasPassed(now, Timing))
            return TypedResults.Problem(statusCode: 409, title: "This break has passed",
                detail: "Its moment went by without it being started; the next one will come.");
        switch (change(offer, now))
        {
            case OfferChange.AlreadyDone:
                return TypedResults.Ok(OfferDto.From(offer, zone, now, Timing));
            case OfferChange.NotDueYet:
                return TypedResults.Problem(statusCode: 409, title: "This break is not due yet",
                    detail: $"It can be started from {BreakEndpoints.ToLocal(offer.Start, zone):HH:mm}, when the meeting before it ends.");
            case OfferChange.NotAllowed:
                return Conflict(previous);
            case OfferChange.NoRoom:
                return TypedResults.Problem(statusCode: 409, title: "Not enough of this gap is left",
                    detail: "A snooze would run into your next meeting. Take the break now or skip it.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await StoreAsync(offer, previous, ct)) return Conflict(null);
        if (alongside is not null)
        {
            alongside(offer);
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(OfferDto.From(offer, zone, now, Timing));
    }

    /// <summary>Writes what the offer's transition changed, only if it still has the status it was read with.</summary>
    private async Task<bool> StoreAsync(BreakOffer offer, OfferStatus previous, CancellationToken ct) =>
        await db.BreakOffers
            .Where(o => o.Id == offer.Id && o.Status == previous)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, offer.Status).SetProperty(o => o.RespondedAt, offer.RespondedAt)
                .SetProperty(o => o.NextAttemptAt, offer.NextAttemptAt).SetProperty(o => o.GapEnd, offer.GapEnd)
                .SetProperty(o => o.SkipReason, offer.SkipReason).SetProperty(o => o.EndReason, offer.EndReason), ct) == 1;

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
                if (value is < 1 or > 5) errors[$"{name}.{item}"] = ["Answers run from 1 to 5."];
        }
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, title: "The check-in has answers out of range");
    }

    private static ProblemHttpResult OfferNotFound() =>
        TypedResults.Problem(statusCode: 404, title: "No such break offer", detail: "This break offer does not exist or is not yours.");

    private static ProblemHttpResult Conflict(OfferStatus? status) => TypedResults.Problem(statusCode: 409, title: "This break can no longer change",
        detail: status is { } s ? $"The offer is already {s.ToString().ToLowerInvariant()}." : "The offer changed meanwhile; reload and try again.");
}
