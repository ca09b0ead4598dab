using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>
/// HR's reports: released weeks only (see <see cref="ReportRollupJob"/>), for one fixed grouping at a time. Every request
/// is written to the audit log. Employees see what was released about the groups they belong to; admins see the ε spent.
/// </summary>
public static class ReportEndpoints
{
    public const int DefaultWeeks = 12;
    public const int MaximumWeeks = 52;

    public sealed record WeekDto(DateOnly WeekStart, string Label, bool Released, string? Withheld);
    /// <param name="Figures">The stored <see cref="StoredFigures"/> JSON, passed through as it is.</param>
    public sealed record CellDto(DateOnly WeekStart, string? Hidden, RawJson? Figures);
    public sealed record GroupDto(string Grouping, string Name, IReadOnlyList<CellDto> Weeks);
    /// <summary>The noise's standard deviation on a few kinds of total in the newest week shown, for "about ±" in the
    /// dashboard (each figure also carries its own <c>plusMinus</c>); <see cref="ActionClip"/> is the most offers or
    /// practices one person adds to a week's totals.</summary>
    public sealed record NoiseDto(double EpsilonPerValue, int ActionClip, double PeoplePlusMinus, double OffersPlusMinus, double MeetingHoursPlusMinus);
    public sealed record ReportDto(
        string Grouping, IReadOnlyList<string> Groupings, int MinimumGroupSize, double BandMargin, NoiseDto Noise,
        IReadOnlyList<WeekDto> Weeks, IReadOnlyList<GroupDto> Groups);

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/summary", SummaryAsync).WithTags("Reports").RequireAuthorization(Policies.Hr)
            .WithSummary("Released weekly figures for every group of one grouping (department, office or country), newest weeks last.");
        app.MapGet("/api/me/reports", AboutMeAsync).WithTags("Reports").RequireAuthorization(Policies.Employee)
            .WithSummary("What was released to HR about the groups you belong to.");
        app.MapPut("/api/me/report-sharing", SharingAsync).WithTags("Reports").RequireAuthorization(Policies.Employee)
            .WithSummary("Whether your check-in changes may enter HR's aggregates ({\"shareCheckIns\": true}); they never do unless you say so.");
        app.MapGet("/api/admin/reports/privacy", PrivacyAsync).WithTags("Admin").RequireAuthorization(Policies.Admin)
            .WithSummary("The ε each weekly release spent against the tenant's budget, and the latest report requests.");
        return app;
    }

    private static async Task<Results<Ok<ReportDto>, ValidationProblem>> SummaryAsync(
        CurrentUser user, AppDbContext db, IMemoryCache cache, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReportOptions> options,
        string? grouping, int? weeks, CancellationToken ct)
    {
        var groupings = options.Value.Groupings;
        grouping ??= groupings[0];
        var errors = new Dictionary<string, string[]>();
        if (!groupings.Contains(grouping))
            errors["grouping"] = [$"One of: {string.Join(", ", groupings)}."];
        if (weeks is < 1 or > MaximumWeeks) errors["weeks"] = [$"From 1 to {MaximumWeeks}."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        db.ForTenant(user.TenantId);
        var report = await ReadAsync(db, cache, user.TenantId, [grouping], weeks ?? DefaultWeeks, groupNames: null, options.Value, ct);
        await AuditAsync(db, user, clock, "summary", grouping, report, ct);
        return TypedResults.Ok(report with { Grouping = grouping });
    }

    private static async Task<Ok<ReportDto>> AboutMeAsync(
        CurrentUser user, AppDbContext db, IMemoryCache cache, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReportOptions> options,
        Calendar.EventIdHasher hasher, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var me = await db.Employees.AsNoTracking().Where(e => e.Id == user.UserId)
            .Select(e => new { e.Department, e.OfficeLocation, e.Country }).FirstOrDefaultAsync(ct);
        var mine = me is null ? [] : new[]
        {
            ("department", me.Department), ("office", me.OfficeLocation), ("country", me.Country),
        }.Select(g => (g.Item1, string.IsNullOrWhiteSpace(g.Item2) ? "Unassigned" : g.Item2)).ToList();
        if (me is not null)
        {
            // The caller's orgs: the whole tree is needed to find the heads above them.
            var tree = await db.Employees.AsNoTracking().Select(e => new OrgGroups.Member(e.Id, e.ManagerKey, e.Department)).ToListAsync(ct);
            var orgs = OrgGroups.Assign(tree, People.OrgKeys.For(hasher, user.TenantId), options.Value.Levels);
            mine.AddRange(orgs[user.UserId].Select(o => (o.Key, o.Value)));
        }
        var report = await ReadAsync(db, cache, user.TenantId, options.Value.Groupings, DefaultWeeks, mine, options.Value, ct);
        await AuditAsync(db, user, clock, "about-me", "all", report, ct);
        return TypedResults.Ok(report with { Grouping = "all" });
    }

    public sealed record ReportSharingDto(bool ShareCheckIns);

    private static async Task<NoContent> SharingAsync(CurrentUser user, AppDbContext db, ReportSharingDto body, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        await db.Employees.Where(e => e.Id == user.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ShareCheckInsInReports, body.ShareCheckIns), ct);
        return TypedResults.NoContent();
    }

    public sealed record ReleaseDto(DateOnly WeekStart, string Label, DateTimeOffset ReleasedAt, double Epsilon, string? Withheld);
    public sealed record AuditDto(DateTimeOffset At, Guid ActorId, string Report, string Grouping, DateOnly? FromWeek, DateOnly? ToWeek);
    public sealed record PrivacyDto(double EpsilonPerValue, double EpsilonPerRelease, double Budget, double SpentLast52Weeks,
        IReadOnlyList<ReleaseDto> Releases, IReadOnlyList<AuditDto> RecentRequests);

    private static async Task<Ok<PrivacyDto>> PrivacyAsync(
        CurrentUser user, AppDbContext db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReportOptions> options, CancellationToken ct)
    {
        db.ForTenant(user.TenantId);
        var releases = await db.ReportReleases.AsNoTracking().OrderByDescending(r => r.WeekStart).Take(MaximumWeeks)
            .Select(r => new { r.WeekStart, r.ReleasedAt, r.Epsilon, r.Withheld }).ToListAsync(ct);
        var since = ReportWeeks.LastClosed(clock.GetUtcNow()).AddDays(-7 * 51);
        var audit = await db.ReportAudits.AsNoTracking().OrderByDescending(a => a.At).Take(100)
            .Select(a => new AuditDto(a.At, a.ActorId, a.Report, a.Grouping, a.FromWeek, a.ToWeek)).ToListAsync(ct);
        var settings = options.Value;
        return TypedResults.Ok(new PrivacyDto(settings.EpsilonPerValue, settings.EpsilonPerRelease, settings.Budget,
            releases.Where(r => r.WeekStart >= since).Sum(r => r.Epsilon),
            releases.Select(r => new ReleaseDto(r.WeekStart, ReportWeeks.Label(r.WeekStart), r.ReleasedAt, r.Epsilon, r.Withheld)).ToList(),
            audit));
    }

    /// <summary>The newest <paramref name="weeks"/> released weeks for the groupings (and, if given, only those groups).</summary>
    private static async Task<ReportDto> ReadAsync(AppDbContext db, IMemoryCache cache, Guid tenantId, IReadOnlyList<string> groupings, int weeks,
        IReadOnlyList<(string Grouping, string Name)>? groupNames, ReportOptions options, CancellationToken ct)
    {
        var k = await db.Tenants.AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.MinimumGroupSize).SingleAsync(ct);
        var releases = (await db.ReportReleases.AsNoTracking().OrderByDescending(r => r.WeekStart).Take(weeks)
            .Select(r => new { r.WeekStart, r.Withheld, r.EpsilonPerValue, r.ActionClip }).ToListAsync(ct)).OrderBy(r => r.WeekStart).ToList();
        // Released weeks never change, so the same weeks, groups and k always give the same report.
        var key = (tenantId, string.Join(",", groupings), string.Join(",", groupNames ?? []), k,
            releases.Count > 0 ? releases[^1].WeekStart : DateOnly.MinValue, releases.Count, options.EpsilonPerValue);
        if (cache.TryGetValue(key, out ReportDto? cached)) return cached!;
        var first = releases.Count > 0 ? releases[0].WeekStart : DateOnly.MaxValue;
        var query = db.ReportCells.AsNoTracking().Where(c => groupings.Contains(c.Grouping) && c.WeekStart >= first);
        if (groupNames is not null)
        {
            var names = groupNames.Select(g => g.Name).Distinct().ToList();
            query = query.Where(c => names.Contains(c.GroupName));
        }
        var cells = await query.Select(c => new { c.Grouping, c.GroupName, c.WeekStart, c.Hidden, c.Figures }).ToListAsync(ct);
        if (groupNames is not null) cells = cells.Where(c => groupNames.Contains((c.Grouping, c.GroupName))).ToList();

        var groups = cells.GroupBy(c => (c.Grouping, c.GroupName))
            .OrderBy(g => g.Key.Grouping, StringComparer.Ordinal).ThenBy(g => g.Key.GroupName, StringComparer.Ordinal)
            .Select(g =>
            {
                var byWeek = g.ToDictionary(c => c.WeekStart);
                // A group without a cell in a week had nobody active then: it reads as a small group, as it was.
                return new GroupDto(g.Key.Grouping, g.Key.GroupName, releases.Select(r => byWeek.TryGetValue(r.WeekStart, out var cell)
                    ? new CellDto(r.WeekStart, cell.Hidden, cell.Hidden is null ? new RawJson(cell.Figures) : null)
                    : new CellDto(r.WeekStart, r.Withheld ?? HiddenReasons.SmallGroup, null)).ToList());
            }).ToList();
        // The newest week's settings (older releases may have had another ε or clip; each figure carries its own ±).
        var newest = releases.LastOrDefault(r => r.Withheld is null);
        var gate = new GateSettings(k, newest?.EpsilonPerValue ?? options.EpsilonPerValue, newest?.ActionClip ?? WeeklyMeasures.DefaultActionClip);
        var noise = new NoiseDto(gate.EpsilonPerValue, gate.ActionClip, Math.Round(WeeklyMeasures.Find("people").PlusMinus(gate), 1),
            Math.Round(WeeklyMeasures.Find("delivered").PlusMinus(gate)), Math.Round(WeeklyMeasures.Find("meetingMinutes").PlusMinus(gate) / 60));
        var report = new ReportDto("", options.Groupings, AnonymityGate.EffectiveMinimum(k), AnonymityGate.BandMargin, noise,
            releases.Select(r => new WeekDto(r.WeekStart, ReportWeeks.Label(r.WeekStart), r.Withheld is null, r.Withheld)).ToList(), groups);
        cache.Set(key, report, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10), Size = 1 });
        return report;
    }

    private static async Task AuditAsync(AppDbContext db, CurrentUser user, TimeProvider clock, string report, string grouping, ReportDto shown, CancellationToken ct)
    {
        db.ReportAudits.Add(new ReportAudit
        {
            Id = Guid.NewGuid(), At = clock.GetUtcNow(), ActorId = user.UserId, Report = report, Grouping = grouping,
            FromWeek = shown.Weeks.Count > 0 ? shown.Weeks[0].WeekStart : null,
            ToWeek = shown.Weeks.Count > 0 ? shown.Weeks[^1].WeekStart : null,
        });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>JSON stored as text and written into a response as it is, without parsing it again.</summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed record RawJson(string Json);

public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
