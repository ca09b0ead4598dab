using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Practices;
using WorkplaceResilience.Core.Reporting;

namespace WorkplaceResilience.Api.Reports;

/// <summary>
/// Rolls each tenant's closed ISO weeks up into released report cells, once: the raw rows of the week are read, passed
/// through the <see cref="AnonymityGate"/> and stored with the ε they cost. A released week is never recomputed, so HR
/// reads the same numbers however often and whenever it asks, and late raw data cannot move them.
/// </summary>
public sealed class ReportRollupJob(
    IServiceScopeFactory scopes, EventIdHasher secrets, PracticeCatalogue practices, TimeProvider clock,
    IOptions<ReportOptions> options, ILogger<ReportRollupJob> logger)
{
    public const string NoisePurpose = "report-noise";
    public const string WithheldForBudget = "budget";

    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var tenantId in await scopes.AllTenantIdsAsync(cancellationToken))
            await RollUpDueWeeksAsync(tenantId, cancellationToken);
    }

    /// <summary>
    /// Releases every closed week not yet released, from the first with data (at most the backfill back), leaving out
    /// weeks that retention has already cut into.
    /// </summary>
    public async Task<int> RollUpDueWeeksAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var now = clock.GetUtcNow();
        var last = ReportWeeks.LastClosed(now);
        var retentionDays = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.RetentionDays).SingleAsync(cancellationToken);
        var retainedSince = now.AddDays(-retentionDays);
        var earliest = await db.BreakOffers.MinAsync(o => (DateTimeOffset?)o.Start, cancellationToken);
        if (earliest is null) return 0;
        var first = ReportWeeks.MondayOf(DateOnly.FromDateTime(earliest.Value.UtcDateTime));
        var backfill = last.AddDays(-7 * (options.Value.BackfillWeeks - 1));
        if (first < backfill) first = backfill;
        var done = (await db.ReportReleases.Where(r => r.WeekStart >= first).Select(r => r.WeekStart).ToListAsync(cancellationToken)).ToHashSet();
        var released = 0;
        for (var week = first; week <= last; week = week.AddDays(7))
        {
            if (done.Contains(week)) continue;
            // A week whose first hours (Monday at UTC+14) retention has already deleted would be released short.
            if (new DateTimeOffset(week.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-14) < retainedSince) continue;
            if (await RollUpWeekAsync(tenantId, week, cancellationToken)) released++;
        }
        return released;
    }

    /// <summary>Rolls up the week starting <paramref name="monday"/>; false when it was already released.</summary>
    public async Task<bool> RollUpWeekAsync(Guid tenantId, DateOnly monday, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Jobs.StartActivity("report rollup week");
        var started = Stopwatch.GetTimestamp();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        if (await db.ReportReleases.AnyAsync(r => r.WeekStart == monday, cancellationToken)) return false;
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, cancellationToken);
        var settings = options.Value;
        var gate = new GateSettings(tenant.MinimumGroupSize, settings.EpsilonPerValue, GateSettings.ActionClipFor(tenant.DailyCap));
        var release = new ReportRelease
        {
            WeekStart = monday, ReleasedAt = clock.GetUtcNow(), MinimumGroupSize = AnonymityGate.EffectiveMinimum(tenant.MinimumGroupSize),
            EpsilonPerValue = settings.EpsilonPerValue, ActionClip = gate.ActionClip,
        };
        var yearBefore = monday.AddDays(-7 * 51);
        var spent = (await db.ReportReleases.Where(r => r.WeekStart >= yearBefore).Select(r => r.Epsilon).ToListAsync(cancellationToken)).Sum();
        var cells = new List<ReleasedCell>();
        if (spent + settings.EpsilonPerRelease > settings.Budget) release.Withheld = WithheldForBudget;
        else
        {
            var people = await WeekReader.ReadAsync(db, monday, settings.Groupings, OrgKeys.For(secrets, tenantId), cancellationToken);
            var buckets = new Dictionary<string, IReadOnlyList<string>>
            {
                ["skipReasons"] = WeekReader.SkipReasonNames,
                ["practiceMix"] = practices.Practices.Select(p => p.Id).ToList(),
            };
            cells = [.. AnonymityGate.Release(people, settings.Groupings, buckets, gate, secrets.TenantSecret(tenantId, NoisePurpose), ReportWeeks.Label(monday))];
            release.Epsilon = settings.EpsilonPerRelease;
        }

        db.ReportReleases.Add(release);
        db.ReportCells.AddRange(cells.Select(c => new ReportCell
        {
            WeekStart = monday, Grouping = c.Grouping, GroupName = c.Group, Hidden = c.Hidden,
            Figures = JsonSerializer.Serialize(new StoredFigures(c.Figures, c.Breakdowns), JsonSerializerOptions.Web),
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await AlreadyReleasedAsync(tenantId, monday, cancellationToken)) return false; // another instance released it first
            throw;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        activity?.SetTag("wr.report.cells", cells.Count);
        logger.LogInformation("Report week {Week} released: {Cells} cells, {Hidden} withheld, ε {Epsilon}, {Withheld}, {Seconds:F1} s",
            ReportWeeks.Label(monday), cells.Count, cells.Count(c => c.Hidden is not null), release.Epsilon, release.Withheld ?? "released", seconds);
        return true;
    }

    private async Task<bool> AlreadyReleasedAsync(Guid tenantId, DateOnly monday, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        return await db.ReportReleases.AnyAsync(r => r.WeekStart == monday, cancellationToken);
    }
}

/// <summary>A released cell's figures as stored (and served).</summary>
public sealed record StoredFigures(
    IReadOnlyDictionary<string, Figure> Figures, IReadOnlyDictionary<string, IReadOnlyDictionary<string, Figure>> Breakdowns);
