using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// One service instance sends a tenant's nudges at a time, so that instances together stay within Graph's per-tenant
/// rate (each instance's <see cref="NotificationPacer"/> knows only its own calls). The lease is two columns of the
/// tenant's row, taken with one conditional update: free, ours, or lapsed. The holder renews it while it sends and stops
/// sending a safety margin before it would lapse; a run that ends normally hands it back a few seconds later (after
/// Graph's window has passed over its last call); an instance that dies simply lets it lapse, and another takes over.
/// Nobody gets or renews the lease while the tenant's kill switch is on, so a run in progress stops sending at its next
/// renewal (within half a lease) and hands its remaining offers back.
/// </summary>
public sealed class DeliveryLease(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> jobs)
{
    /// <summary>This instance (one per process: the class is a singleton).</summary>
    public Guid Holder { get; } = Guid.NewGuid();

    /// <summary>A handed-back lease is free only after this: Graph's window passes over our last call first.</summary>
    private static readonly TimeSpan HandBackAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> heldUntil = new();

    /// <summary>Takes the tenant's lease, or renews it if this instance holds it; false while another instance does.</summary>
    public async Task<bool> TryTakeAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var until = now + jobs.Value.DeliveryLease;
        var me = Holder;
        var taken = await db.Tenants
            .Where(t => t.Id == tenantId && !t.NudgesPaused
                && (t.DeliveryLeaseHolder == null || t.DeliveryLeaseHolder == me || t.DeliveryLeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeliveryLeaseHolder, me).SetProperty(t => t.DeliveryLeaseUntil, until), cancellationToken) == 1;
        if (taken) heldUntil[tenantId] = until;
        else heldUntil.TryRemove(tenantId, out _);
        return taken;
    }

    /// <summary>
    /// Right before a call: true while at least half of the lease is left, else after renewing it; false once it is lost
    /// (then nothing more is sent for the tenant in this run). Half a lease (at least 7.5 s) is far more than Graph's
    /// one-second window and a call's answer, so the last call of a holder that stops renewing is out of Graph's window
    /// before another instance may take over.
    /// </summary>
    public async Task<bool> KeepAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (!heldUntil.TryGetValue(tenantId, out var until)) return false;
        if (until - clock.GetUtcNow() > jobs.Value.DeliveryLease / 2) return true;
        return await TryTakeAsync(tenantId, cancellationToken);
    }

    /// <summary>The run ended with every answer in: the lease is free for another instance once Graph's window has passed.</summary>
    public async Task HandBackAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        heldUntil.TryRemove(tenantId, out _);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var me = Holder;
        var free = clock.GetUtcNow() + HandBackAfter;
        await db.Tenants.Where(t => t.Id == tenantId && t.DeliveryLeaseHolder == me)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeliveryLeaseUntil, free), cancellationToken);
    }
}
