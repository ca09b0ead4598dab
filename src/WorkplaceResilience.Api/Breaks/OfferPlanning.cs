using Microsoft.EntityFrameworkCore;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.People;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Core.Adaptation;
using WorkplaceResilience.Core.Planning;
using WorkplaceResilience.Core.Practices;

namespace WorkplaceResilience.Api.Breaks;

/// <summary>
/// Turns a person's stored calendar into break offers for the given days. Offers already delivered or
/// answered stay as they are; planned ones that no longer fit (the calendar changed) are withdrawn.
/// </summary>
public sealed class OfferPlanning(
    AppDbContext db, CalendarStore calendar, PersonalHistory history, PracticeCatalogue practices, TimeProvider clock)
{
    /// <param name="settings">The tenant's planner settings (<see cref="SettingsAsync"/>), read once per batch by the caller.</param>
    public async Task PlanAsync(Guid tenantId, Employee employee, IReadOnlyList<DateOnly> days, PlannerSettings settings,
        CancellationToken cancellationToken)
    {
        db.ForTenant(tenantId);
        var employeeId = employee.Id;
        var hours = LocalTime.WorkingHoursOf(employee);
        var now = clock.GetUtcNow();
        // What this person's own answers say helps them; offers already chosen keep their practice.
        var adaptation = AdaptationState.Replay(null, await history.OutcomesAsync(tenantId, employeeId, cancellationToken));
        var added = 0;

        // Pause, snoozes, offers already made and skips: the planner applies cap, spacing and back-off to them.
        var past = await history.PlannerHistoryAsync(tenantId, employee,
            LocalTime.StartOfDay(hours.TimeZone, days.Min()), LocalTime.StartOfDay(hours.TimeZone, days.Max().AddDays(1)), now, cancellationToken);
        foreach (var day in days)
        {
            var dayStart = LocalTime.StartOfDay(hours.TimeZone, day);
            var dayEnd = LocalTime.StartOfDay(hours.TimeZone, day.AddDays(1));
            var blocks = await calendar.BlocksAsync(employeeId, dayStart, dayEnd, cancellationToken);
            var plan = BreakPlanner.Plan(day, hours, blocks, settings, past);

            var existing = await db.BreakOffers
                .Where(o => o.EmployeeId == employeeId && o.Start >= dayStart && o.Start < dayEnd)
                .ToListAsync(cancellationToken);
            var kept = existing.Where(o => o.Status != OfferStatus.Planned || o.Start <= now).ToList();
            foreach (var withdrawn in existing.Except(kept).Where(o => plan.All(p => p.Start != o.Start)))
                db.BreakOffers.Remove(withdrawn);

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
                    offer.PracticeId = ChoosePractice(adaptation, employeeId, planned);
                offer.LengthMinutes = planned.LengthMinutes;
                offer.Reason = (int)planned.Reason;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        Telemetry.OffersPlanned.Add(added);
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
    /// Thompson sampling over the person's own history, seeded by person and moment so that re-planning the
    /// same day picks the same practice.
    /// </summary>
    private string ChoosePractice(AdaptationState adaptation, Guid employeeId, PlannedBreak planned)
    {
        var seed = BitConverter.ToInt32(employeeId.ToByteArray()) ^ (int)(planned.Start.UtcTicks / TimeSpan.TicksPerMinute);
        var choice = PracticeChooser.Choose(adaptation, practices, planned.LengthMinutes, new Random(seed));
        return choice?.Practice.Id ?? practices.Practices[0].Id;
    }
}
