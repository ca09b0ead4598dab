using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Breaks;

/// <summary>What the personal tab needs: the person's day as time blocks, their offers, and the practices.</summary>
public static class BreakEndpoints
{
    public static IEndpointRouteBuilder MapBreaks(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api").WithTags("Breaks").RequireAuthorization(Policies.Employee);
        me.MapGet("/me", GetMeAsync);
        me.MapGet("/me/today", GetTodayAsync);
        me.MapGet("/practices", GetPractices);
        me.MapGet("/me/history", GetHistoryAsync);
        me.MapPost("/offers/{id:guid}/start", (Guid id, CurrentUser user, OfferActions actions, CancellationToken ct) =>
            actions.StartAsync(user, id, ct));
        me.MapPost("/offers/{id:guid}/skip", (Guid id, string? reason, CurrentUser user, OfferActions actions, CancellationToken ct) =>
            actions.SkipAsync(user, id, reason, ct));
        me.MapPost("/offers/{id:guid}/snooze", (Guid id, CurrentUser user, OfferActions actions, CancellationToken ct) =>
            actions.SnoozeAsync(user, id, ct));
        me.MapPost("/me/pause", (string? period, CurrentUser user, OfferActions actions, CancellationToken ct) =>
            actions.PauseAsync(user, period, ct));
        me.MapDelete("/me/pause", (CurrentUser user, OfferActions actions, CancellationToken ct) => actions.ResumeAsync(user, ct));
        me.MapPost("/offers/{id:guid}/complete", (Guid id, CompleteRequest request, CurrentUser user, OfferActions actions, CancellationToken ct) =>
            actions.CompleteAsync(user, id, request, ct));
        me.MapPost("/practice-sessions", (PracticeSessionRequest request, CurrentUser user, OfferActions actions, CancellationToken ct) =>
            actions.RecordPracticeAsync(user, request, ct));
        me.MapWeek();
        return app;
    }

    /// <param name="SupportResources">The organisation's support contacts (employee assistance, crisis line), as its admins set them.</param>
    public sealed record MeResponse(
        string DisplayName, string Department, string TimeZone, string TimeZoneIana, IReadOnlyList<string> Roles,
        IReadOnlyList<Admin.SupportLink> SupportResources);
    public sealed record BlockDto(DateTimeOffset Start, DateTimeOffset End, string ShowAs, bool IsAllDay);
    public sealed record WorkingHoursDto(string Start, string End);
    /// <param name="BreaksOn">False when the person turned breaks off in their settings.</param>
    /// <param name="PausedUntil">The local date breaks resume on, while the person has paused them.</param>
    public sealed record TodayResponse(
        DateOnly Date, string TimeZone, string TimeZoneIana, WorkingHoursDto? WorkingHours,
        IReadOnlyList<BlockDto> Blocks, IReadOnlyList<OfferDto> Offers, DateTimeOffset? LastSyncedAt,
        bool BreaksOn = true, DateOnly? PausedUntil = null);

    public sealed record HistoryResponse(HelpSummary Summary, bool ShowSupportResources);

    /// <summary>The practices in the reader's language (German when their Accept-Language prefers it, else English).</summary>
    private static IReadOnlyList<Practice> GetPractices(HttpContext context, PracticeTexts texts)
    {
        context.Response.Headers.Vary = "Accept-Language";
        return texts.In(RequestLanguage.Of(context.Request, PracticeTexts.Languages)).Practices;
    }

    /// <summary>"What tends to help me": the person's own history, for their eyes only.</summary>
    private static async Task<HistoryResponse> GetHistoryAsync(CurrentUser user, PersonalHistory history, CancellationToken ct)
    {
        var outcomes = await history.OutcomesAsync(user.TenantId, user.UserId, ct);
        var state = AdaptationState.Replay(null, outcomes);
        return new HistoryResponse(HelpSummaries.Summarise(outcomes), state.BehaviouralFirstRemaining > 0);
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetMeAsync(CurrentUser user, AppDbContext db, CancellationToken ct)
    {
        var employee = await db.ForTenant(user.TenantId).Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        if (employee is null) return NotYetKnown();
        var zone = LocalTime.Find(employee.TimeZone);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);
        return TypedResults.Ok(new MeResponse(user.DisplayName, employee.Department, employee.TimeZone, LocalTime.IanaName(zone), user.ClientRoles,
            Admin.TenantSettings.From(tenant).SupportLinks));
    }

    private static async Task<Results<Ok<TodayResponse>, ProblemHttpResult>> GetTodayAsync(
        CurrentUser user, AppDbContext db, CalendarStore calendar, CalendarSync sync, TimeProvider clock, IOptions<JobOptions> jobs,
        ILogger<TodayResponse> logger, CancellationToken ct)
    {
        try
        {
            // Opening the tab shows the day as it is: a calendar that changed since the last read is read now.
            await sync.EnsureFreshAsync(user.TenantId, [user.UserId], ct);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Graph unavailable: the stored day (with its LastSyncedAt) is still the best answer.
            logger.LogDebug(error, "Refreshing a calendar for the today view failed");
        }
        var employee = await db.ForTenant(user.TenantId).Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        if (employee is null) return NotYetKnown();
        var hours = LocalTime.WorkingHoursOf(employee);
        var now = clock.GetUtcNow();
        var timing = new OfferTiming(jobs.Value.DeliveryGrace);
        var today = LocalTime.TodayFor(hours.TimeZone, now);
        var from = LocalTime.StartOfDay(hours.TimeZone, today);
        var to = LocalTime.StartOfDay(hours.TimeZone, today.AddDays(1));
        var blocks = (await calendar.BlocksAsync(employee.Id, from, to, ct))
            .Where(b => !b.IsCancelled && b.Response != ResponseStatus.Declined && b.ShowAs != ShowAs.Free)
            .Select(b => new BlockDto(ToLocal(b.Start, hours.TimeZone), ToLocal(b.End, hours.TimeZone), ShowAsName(b.ShowAs), b.IsAllDay))
            .ToList();
        var offers = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employee.Id && o.Start >= from && o.Start < to)
            .OrderBy(o => o.Start).ToListAsync(ct);
        var workingHours = hours.IsWorkingDay(today) ? new WorkingHoursDto(hours.Start.ToString("HH:mm"), hours.End.ToString("HH:mm")) : null;
        var settings = await db.PersonSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EmployeeId == employee.Id, ct);
        var pausedUntil = settings?.PausedUntil is { } until && until > today ? until : (DateOnly?)null;
        return TypedResults.Ok(new TodayResponse(today, employee.TimeZone, LocalTime.IanaName(hours.TimeZone), workingHours, blocks,
            offers.Select(o => OfferDto.From(o, hours.TimeZone, now, timing)).ToList(), employee.CalendarSyncedAt,
            settings?.BreaksOn ?? true, pausedUntil));
    }

    internal static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    private static string ShowAsName(ShowAs showAs) => showAs switch
    {
        ShowAs.Busy => "busy",
        ShowAs.Tentative => "tentative",
        ShowAs.OutOfOffice => "oof",
        ShowAs.Free => "free",
        ShowAs.WorkingElsewhere => "workingElsewhere",
        _ => "unknown",
    };

    internal static ProblemHttpResult NotYetKnown() => TypedResults.Problem(statusCode: 404, title: "Not set up yet",
        detail: "Your calendar has not been read yet. The first sync runs within a few minutes of the app being installed.");
}
