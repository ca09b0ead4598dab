using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Settings;
using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Breaks;

/// <summary>
/// Turns a person's stored calendar into break offers for the given working days. Offers already delivered or
/// answered stay as they are; planned ones that no longer fit (the calendar changed) are withdrawn.
/// </summary>
/// <remarks>
/// Everything is read for the person's working day, not a calendar date, so a night shift that runs past midnight is one
/// day: calendar blocks for its working hours (meetings after midnight count), and the offers that belong to it, which
/// are those from its working start up to the next working day's start. Planning the next day therefore never touches
/// the after-midnight offers of the shift before. A shift still running now (the night before "today") is re-planned too.
/// </remarks>
public sealed class OfferPlanning(
    AppDbContext db, CalendarStore calendar, PersonalHistory history, PracticeCatalogue practices, TimeProvider clock)
{
    /// <param name="organisation">The tenant's planner settings (<see cref="SettingsAsync"/>), read once per batch by the
    /// caller; the person's own settings narrow them.</param>
    public async Task PlanAsync(Guid tenantId, Employee employee, IReadOnlyList<DateOnly> days, PlannerSettings organisation,
        CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var employeeId = employee.Id;
        var preferences = await PreferencesAsync(employeeId, cancellationToken);
        var settings = preferences.ApplyTo(organisation);
        var hours = preferences.ApplyTo(LocalTime.WorkingHoursOf(employee));
        var now = clock.GetUtcNow();
        // What this person's own answers say helps them; offers already chosen keep their practice.
        var adaptation = AdaptationState.Replay(
            preferences.PreferredFamily, await history.OutcomesAsync(tenantId, employeeId, cancellationToken));
        var added = 0;

        // Pause, snoozes, offers already made and skips: the planner applies cap, spacing and back-off to them. The window
        // covers a night shift still running and the one that starts on the last day (the planner keeps to each frame).
        var past = await history.PlannerHistoryAsync(tenantId, employee,
            LocalTime.StartOfDay(hours.TimeZone, days.Min().AddDays(-1)), LocalTime.StartOfDay(hours.TimeZone, days.Max().AddDays(2)),
            now, cancellationToken);
        foreach (var day in WithRunningShift(hours, days, now))
        {
            var (workStart, workEnd) = hours.On(day);
            var (from, to) = (workStart.ToUniversalTime(), workEnd.ToUniversalTime());
            var nextStart = hours.On(day.AddDays(1)).Start.ToUniversalTime();
            var blocks = await calendar.BlocksAsync(employeeId, from, to, cancellationToken);
            IReadOnlyList<PlannedBreak> plan = preferences.IsOff(day) ? [] : BreakPlanner.Plan(day, hours, blocks, settings, past);

            var existing = await db.BreakOffers
                .Where(o => o.EmployeeId == employeeId && o.Start >= from && o.Start < nextStart)
                .ToListAsync(cancellationToken);
            var kept = existing.Where(o => o.Status != OfferStatus.Planned || o.Start <= now).ToList();
            foreach (var withdrawn in existing.Except(kept).Where(o => plan.All(p => p.Start != o.Start)))
                db.BreakOffers.Remove(withdrawn);

            // Variety: a practice already offered this day is not chosen again while another fits.
            var usedToday = existing.Where(o => !string.IsNullOrEmpty(o.PracticeId)).Select(o => o.PracticeId).ToHashSet(StringComparer.Ordinal);
            foreach (var planned in plan.Where(p => p.Start > now))
            {
                var offer = existing.FirstOrDefault(o => o.Start == planned.Start);
                if (offer is not null && kept.Contains(offer)) continue;
                if (offer is null)
                {
                    offer = new BreakOffer { Id = Guid.NewGuid(), EmployeeId = employeeId, Start = planned.Start, CreatedAt = now };
                    db.BreakOffers.Add(offer);
                    added++;
                }
                if (offer.LengthMinutes != planned.LengthMinutes || string.IsNullOrEmpty(offer.PracticeId))
                {
                    offer.PracticeId = ChoosePractice(adaptation, employeeId, planned.Start, planned.LengthMinutes, usedToday);
                    usedToday.Add(offer.PracticeId);
                }
                offer.LengthMinutes = planned.LengthMinutes;
                offer.Reason = (int)planned.Reason;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        Telemetry.OffersPlanned.Add(added);
    }

    /// <summary>The days asked for, after the working day before the first of them when that one has not ended yet.</summary>
    private static IEnumerable<DateOnly> WithRunningShift(WorkingHours hours, IReadOnlyList<DateOnly> days, DateTimeOffset now)
    {
        if (days.Count > 0 && days.Min().AddDays(-1) is var before && !days.Contains(before) && hours.On(before).End > now)
            yield return before;
        foreach (var day in days) yield return day;
    }

    /// <summary>The planner's defaults with what the tenant's admin set: the daily cap and quiet hours.</summary>
    public async Task<PlannerSettings> SettingsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return PlannerSettings.Default;
        return PlannerSettings.Default with
        {
            DailyCap = tenant.DailyCap,
            QuietHours = tenant.QuietStart is { } start && tenant.QuietEnd is { } end ? [new QuietPeriod(start, end)] : [],
        };
    }

    /// <summary>
    /// After "this made me feel worse": every offer of the person not yet sent is chosen again from their history,
    /// which now puts behavioural practices first. An offer the delivery job claimed meanwhile keeps its practice.
    /// </summary>
    public async Task RechoosePendingAsync(Guid tenantId, Guid employeeId, CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var now = clock.GetUtcNow();
        var preferences = await PreferencesAsync(employeeId, cancellationToken);
        var adaptation = AdaptationState.Replay(
            preferences.PreferredFamily, await history.OutcomesAsync(tenantId, employeeId, cancellationToken));
        var pending = await db.BreakOffers.AsNoTracking()
            .Where(o => o.EmployeeId == employeeId && o.Status == OfferStatus.Planned && o.Start > now)
            .OrderBy(o => o.Start)
            .ToListAsync(cancellationToken);
        var employee = await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Id == employeeId, cancellationToken);
        var zone = LocalTime.Find(employee?.TimeZone ?? "UTC");
        var usedByDay = new Dictionary<DateOnly, HashSet<string>>();
        foreach (var offer in pending)
        {
            var day = LocalTime.TodayFor(zone, offer.Start);
            if (!usedByDay.TryGetValue(day, out var used)) usedByDay[day] = used = new HashSet<string>(StringComparer.Ordinal);
            var practiceId = ChoosePractice(adaptation, employeeId, offer.Start, offer.LengthMinutes, used);
            used.Add(practiceId);
            if (practiceId == offer.PracticeId) continue;
            await db.BreakOffers
                .Where(o => o.Id == offer.Id && o.Status == OfferStatus.Planned)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.PracticeId, practiceId), cancellationToken);
        }
    }

    private async Task<BreakPreferences> PreferencesAsync(Guid employeeId, CancellationToken cancellationToken) =>
        PersonalSettings.ToPreferences(
            await db.PersonSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EmployeeId == employeeId, cancellationToken));

    /// <summary>
    /// Thompson sampling over the person's own history, seeded by person and moment so that re-planning the
    /// same day picks the same practice.
    /// </summary>
    private string ChoosePractice(AdaptationState adaptation, Guid employeeId, DateTimeOffset start, int lengthMinutes,
        IReadOnlySet<string> usedToday)
    {
        var seed = BitConverter.ToInt32(employeeId.ToByteArray()) ^ (int)(start.UtcTicks / TimeSpan.TicksPerMinute);
        var choice = PracticeChooser.Choose(adaptation, practices, lengthMinutes, new Random(seed), usedToday);
        return choice?.Practice.Id ?? practices.Practices[0].Id;
    }
}
