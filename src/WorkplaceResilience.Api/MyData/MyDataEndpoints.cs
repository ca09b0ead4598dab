using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Planning;

namespace WorkplaceResilience.Api.MyData;

/// <summary>
/// The person's own data: everything the service holds about them, as a download, and deleting all of it at once.
/// Always scoped to the token's tenant and object id; there is no way to name anyone else.
/// </summary>
public static class MyDataEndpoints
{
    public const string ExportFileName = "workplace-resilience-my-data.json";
    public const string ConfirmWord = "delete";

    public static IEndpointRouteBuilder MapMyData(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/data").WithTags("My data").RequireAuthorization(Policies.Employee);
        me.MapGet("", ExportAsync).Produces<MyDataExport>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Everything the service holds about you, as a JSON download.");
        me.MapDelete("", DeleteAsync)
            .WithSummary("Deletes everything the service holds about you, at once.")
            .WithDescription("Send {\"confirm\": \"delete\"}. Your calendar times, break offers, practices, check-ins and settings are deleted, " +
                "and so is your own row (if you turned breaks off, that one choice is kept, so nothing is read about you again). The next directory sync (every 6 hours by default) recreates that row from your organisation's " +
                "directory, and the next calendar sync then reads your calendar afresh; no earlier history comes back.");
        return app;
    }

    public sealed record DeleteMyDataRequest(string? Confirm);

    public sealed record MyDataExport(
        DateTimeOffset ExportedAt, IReadOnlyList<string> Notes, PersonDto? Person, Settings.MySettingsDto? Settings,
        IReadOnlyList<CalendarBlockDto> CalendarBlocks,
        IReadOnlyList<BreakOfferDto> BreakOffers, IReadOnlyList<PracticeSessionDto> PracticeSessions);

    /// <param name="CalendarLastReadAt">When the service last read your calendar; null if it has not yet.</param>
    public sealed record PersonDto(
        Guid TenantId, Guid UserId, string Department, string OfficeLocation, string Country, bool ShareCheckInsInReports, string TimeZone, string WorkStart, string WorkEnd, IReadOnlyList<string> WorkDays,
        bool Active, DateTimeOffset? CalendarLastReadAt, DateTimeOffset NextCalendarReadAt);

    public sealed record CalendarBlockDto(DateTimeOffset Start, DateTimeOffset End, string ShowAs, bool AllDay, bool Cancelled, string Response);

    public sealed record BreakOfferDto(
        Guid Id, DateTimeOffset Start, int LengthMinutes, string Reason, string PracticeId, string Status,
        DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? RespondedAt);

    public sealed record PracticeSessionDto(
        Guid Id, string PracticeId, int LengthMinutes, DateTimeOffset CompletedAt, Guid? OfferId,
        CheckInExport? Before, CheckInExport? After, bool FeltWorse);

    /// <summary>Each answer on its own: a person may have answered some questions of a check-in and not others.</summary>
    public sealed record CheckInExport(int? SelfKindness, int? SelfCriticism, int? Tension);

    internal static readonly IReadOnlyList<string> Notes =
    [
        "This file holds everything Workplace Resilience stores about you; nothing about anyone else.",
        "Times are in UTC.",
        "Calendar blocks are only start, end, show-as, all-day, cancelled and your response. Meeting titles, descriptions, " +
            "locations, attendees and attachments are never read or stored.",
        "Each calendar block is also stored with a keyed hash of its calendar event id, so that a later read can update it. " +
            "The hash cannot be turned back into the id and means nothing outside the service, so it is left out of this file.",
        "Your name and e-mail address are not stored; your name comes from your sign-in each time.",
        "Settings are your own break settings as you last saved them; null if you never changed the defaults.",
        "Check-in answers run from 1 to 5 (self-kindness, self-criticism, tension); an empty answer was not given.",
    ];

    private static async Task<IResult> ExportAsync(CurrentUser user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == user.UserId, ct);
        var calendar = await db.CalendarEntries.AsNoTracking().Where(c => c.EmployeeId == user.UserId).ToListAsync(ct);
        var offers = await db.BreakOffers.AsNoTracking().Where(o => o.EmployeeId == user.UserId).ToListAsync(ct);
        var sessions = await db.PracticeSessions.AsNoTracking().Where(s => s.EmployeeId == user.UserId).ToListAsync(ct);
        var settings = await db.PersonSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EmployeeId == user.UserId, ct);
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Id == user.TenantId, ct);

        var export = new MyDataExport(
            clock.GetUtcNow(), Notes,
            employee is null ? null : new PersonDto(
                employee.TenantId, employee.Id, employee.Department, employee.OfficeLocation, employee.Country,
                employee.ShareCheckInsInReports, employee.TimeZone,
                employee.WorkStart.ToString("HH:mm"), employee.WorkEnd.ToString("HH:mm"),
                Enum.GetValues<DayOfWeek>().Where(d => (employee.WorkDays & (1 << (int)d)) != 0).Select(d => d.ToString()).ToList(),
                employee.IsActive, employee.CalendarSyncedAt, employee.NextCalendarSyncAt),
            settings is null ? null : Settings.PersonalSettings.From(settings, tenant),
            // Sorted in memory: SQLite cannot order by DateTimeOffset.
            calendar.OrderBy(c => c.Start).Select(c => new CalendarBlockDto(c.Start, c.End, ShowAsName((ShowAs)c.ShowAs), c.IsAllDay,
                c.IsCancelled, ResponseName((ResponseStatus)c.Response))).ToList(),
            offers.OrderBy(o => o.Start).Select(o => new BreakOfferDto(o.Id, o.Start, o.LengthMinutes, ReasonName((BreakReason)o.Reason),
                o.PracticeId, o.Status.ToString().ToLowerInvariant(), o.CreatedAt, o.DeliveredAt, o.RespondedAt)).ToList(),
            sessions.OrderBy(s => s.CompletedAt).Select(s => new PracticeSessionDto(s.Id, s.PracticeId, s.LengthMinutes, s.CompletedAt, s.OfferId,
                CheckIn(s.BeforeSelfKindness, s.BeforeSelfCriticism, s.BeforeTension),
                CheckIn(s.AfterSelfKindness, s.AfterSelfCriticism, s.AfterTension), s.FeltWorse)).ToList());
        return new Attachment(TypedResults.Json(export), ExportFileName);
    }

    private static async Task<Results<NoContent, ValidationProblem>> DeleteAsync(
        [FromBody] DeleteMyDataRequest request, CurrentUser user, AppDbContext db, ILogger<DeleteMyDataRequest> logger, CancellationToken ct)
    {
        if (!string.Equals(request.Confirm?.Trim(), ConfirmWord, StringComparison.OrdinalIgnoreCase))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["confirm"] = [$"Send \"{ConfirmWord}\" to confirm that everything stored about you is to be deleted."],
            }, title: "Deleting your data was not confirmed");

        db.ForTenant(user.TenantId);
        var id = user.UserId;
        // Children first (their foreign keys point at the employee row); all or nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.PracticeSessions.Where(s => s.EmployeeId == id).ExecuteDeleteAsync(ct);
        rows += await db.BreakOffers.Where(o => o.EmployeeId == id).ExecuteDeleteAsync(ct);
        rows += await db.CalendarEntries.Where(c => c.EmployeeId == id).ExecuteDeleteAsync(ct);
        rows += await db.CalendarSyncStates.Where(c => c.EmployeeId == id).ExecuteDeleteAsync(ct);
        rows += await db.Employees.Where(e => e.Id == id).ExecuteDeleteAsync(ct);
        // Settings go too, except one fact: someone who turned breaks off stays off, or the next sync would read them again.
        rows += await db.PersonSettings.Where(s => s.EmployeeId == id && s.BreaksOn).ExecuteDeleteAsync(ct);
        rows += await db.PersonSettings.Where(s => s.EmployeeId == id && !s.BreaksOn).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Lengths, "1,3,5").SetProperty(s => s.DailyCap, (int?)null).SetProperty(s => s.MinimumSpacingMinutes, (int?)null)
            .SetProperty(s => s.QuietStart, (TimeOnly?)null).SetProperty(s => s.QuietEnd, (TimeOnly?)null)
            .SetProperty(s => s.WorkStart, (TimeOnly?)null).SetProperty(s => s.WorkEnd, (TimeOnly?)null)
            .SetProperty(s => s.TentativeIsBusy, true).SetProperty(s => s.ArrivalPractices, false)
            .SetProperty(s => s.PreferredFamily, (int?)null).SetProperty(s => s.PausedUntil, (DateOnly?)null).SetProperty(s => s.CalendarHold, false), ct);
        // The directory's next users/delta round would report only changes, and the person has none: a full round
        // brings them back afresh.
        await db.Tenants.Where(t => t.Id == user.TenantId).ExecuteUpdateAsync(u => u.SetProperty(t => t.DirectoryDeltaLink, (string?)null), ct);
        await transaction.CommitAsync(ct);
        // No person id in the log: after this, the service is to hold nothing about them.
        logger.LogInformation("A person of tenant {TenantId} deleted their data: {Rows} rows", user.TenantId, rows);
        return TypedResults.NoContent();
    }

    private static CheckInExport? CheckIn(int? selfKindness, int? selfCriticism, int? tension) =>
        selfKindness is null && selfCriticism is null && tension is null ? null : new CheckInExport(selfKindness, selfCriticism, tension);

    private static string ShowAsName(ShowAs showAs) => showAs switch
    {
        ShowAs.Busy => "busy",
        ShowAs.Tentative => "tentative",
        ShowAs.OutOfOffice => "outOfOffice",
        ShowAs.Free => "free",
        ShowAs.WorkingElsewhere => "workingElsewhere",
        _ => "unknown",
    };

    private static string ResponseName(ResponseStatus response) =>
        Enum.IsDefined(response) ? char.ToLowerInvariant(response.ToString()[0]) + response.ToString()[1..] : "unknown";

    private static string ReasonName(BreakReason reason) => reason switch
    {
        BreakReason.AfterBackToBack => "afterBackToBack",
        BreakReason.Arrival => "arrival",
        _ => "gap",
    };

    /// <summary>The JSON answer, offered to the browser as a file to save.</summary>
    private sealed class Attachment(IResult inner, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            context.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteAsync(context);
        }
    }
}
