using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>Arranges offers for delivery tests: several people's breaks starting at the same moment, in a free stretch of their calendars.</summary>
public static class DueOffers
{
    /// <summary>
    /// Moves one planned offer each of <paramref name="lengths"/>.Length people, who have no meeting from two minutes before
    /// <paramref name="at"/> to twenty minutes after, to start at <paramref name="at"/> with the given lengths; their other
    /// offers go. Returns the offers' ids, in the order of <paramref name="lengths"/>.
    /// </summary>
    public static async Task<List<BreakOffer>> StartingTogetherAsync(ApiHost host, DateTimeOffset at, params int[] lengths)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var (from, to) = (at.AddMinutes(-2), at.AddMinutes(20));
        var busy = await db.CalendarEntries.Where(c => !c.IsCancelled && c.Start < to && c.End > from && c.ShowAs != 0 && c.ShowAs != 4)
            .Select(c => c.EmployeeId).Distinct().ToListAsync();
        var candidates = await db.BreakOffers.AsNoTracking()
            .Where(o => o.Status == OfferStatus.Planned && !busy.Contains(o.EmployeeId) && o.Start > at)
            .ToListAsync();
        var chosen = candidates.GroupBy(o => o.EmployeeId).Select(g => g.OrderBy(o => o.Start).First())
            .OrderBy(o => o.Id).Take(lengths.Length).ToList();
        if (chosen.Count < lengths.Length)
            throw new InvalidOperationException($"Only {chosen.Count} people are free around {at:HH:mm} with a planned offer.");
        for (var i = 0; i < chosen.Count; i++)
        {
            var offer = chosen[i];
            await db.BreakOffers.Where(o => o.EmployeeId == offer.EmployeeId && o.Id != offer.Id).ExecuteDeleteAsync();
            var length = lengths[i];
            await db.BreakOffers.Where(o => o.Id == offer.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Start, at).SetProperty(o => o.LengthMinutes, length));
            offer.Start = at;
            offer.LengthMinutes = length;
        }
        return chosen;
    }

    public static async Task<Dictionary<Guid, BreakOffer>> ReadAsync(ApiHost host, IEnumerable<Guid> ids)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(host.TenantId);
        var list = ids.ToList();
        return await db.BreakOffers.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
    }
}
