using Microsoft.EntityFrameworkCore;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Extensions.Options;
using Hangfire;
using WorkplaceResilience.Api.Calendar;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.People;

/// <summary>
/// Keeps the employees table in step with each tenant's directory through <c>users/delta</c> (ids, departments,
/// offices, countries, sign-in state and managers only, see <see cref="DirectoryDelta"/>): after the first full round
/// only the people who changed are read. Managers are stored as keyed hashes (<see cref="OrgKeys"/>). Mailbox settings
/// are read by the calendar sync, once a day per person. When the tenant's admin set groups in scope, only their
/// members are stored and kept active (and only their mailbox settings read).
/// </summary>
public sealed class DirectorySyncJob(
    IServiceScopeFactory scopes, GraphClients graph, EventIdHasher hasher, IRecurringJobManager recurringJobs,
    TimeProvider clock, ILogger<DirectorySyncJob> logger)
{
    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var tenantId in await scopes.TenantIdsAsync(cancellationToken))
        {
            try
            {
                added += await SyncTenantAsync(tenantId, cancellationToken);
            }
            catch (Exception error) when (error is not (OperationCanceledException or System.Data.Common.DbException))
            {
                // One tenant's Graph trouble (consent withdrawn, throttling beyond the retries) must not stop the others;
                // the database failing is everyone's problem and fails the run.
                logger.LogWarning("Directory sync skipped tenant {TenantId}: {Failure}", tenantId, error.GetType().Name);
            }
        }
        // New people get their calendars read now rather than at the calendar job's next turn: one coalesced
        // trigger of the recurring job, never a job per person.
        if (added > 0) recurringJobs.Trigger(RecurringJobs.CalendarSync);
    }

    /// <summary>Brings one tenant's employees up to date; returns how many people were new.</summary>
    public async Task<int> SyncTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var client = graph.For(tenantId);
        var tenant = await TenantAsync(tenantId, cancellationToken);
        var groups = Admin.TenantSettings.From(tenant).GroupsInScope.ToList();
        HashSet<Guid>? inScope = null;
        if (groups.Count > 0)
        {
            inScope = await ReadGroupMembersAsync(client, tenantId, groups, cancellationToken);
            if (inScope is null) return 0;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var existing = await db.Employees.ToDictionaryAsync(e => e.Id, cancellationToken);
        // Only people in scope are stored, so a changed scope, or someone in scope not known yet (added to a group in
        // scope without a change of their own), needs everyone read again.
        var link = tenant.DirectoryDeltaScope == tenant.GroupsInScope && (inScope is null || inScope.All(existing.ContainsKey))
            ? tenant.DirectoryDeltaLink : null;
        var round = await DirectoryDelta.ReadAsync(client, link, cancellationToken);
        var keys = OrgKeys.For(hasher, tenantId);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var user in round.Changed)
        {
            var wanted = inScope is null || inScope.Contains(user.Id);
            if (!existing.TryGetValue(user.Id, out var employee))
            {
                if (!wanted) continue;
                employee = new Employee { Id = user.Id, NextCalendarSyncAt = now, WorkStart = tenant.WorkStart, WorkEnd = tenant.WorkEnd };
                db.Employees.Add(employee);
                existing[user.Id] = employee;
                added++;
            }
            // A round reports what changed; in a full round what is not reported is empty.
            if (user.Department is not null || round.Full) employee.Department = string.IsNullOrWhiteSpace(user.Department) ? "Unassigned" : user.Department;
            if (user.OfficeLocation is not null || round.Full) employee.OfficeLocation = user.OfficeLocation ?? "";
            if (user.Country is not null || round.Full) employee.Country = user.Country ?? "";
            if (user.Enabled is not null || round.Full) employee.InDirectory = user.Enabled != false;
            if (user.ManagerReported || round.Full) employee.ManagerKey = user.ManagerId is { } manager ? keys.Of(manager) : null;
        }
        var reported = round.Changed.Select(u => u.Id).ToHashSet();
        foreach (var employee in existing.Values)
        {
            if (round.Removed.Contains(employee.Id) || (round.Full && !reported.Contains(employee.Id))) employee.InDirectory = false;
            // People who left the directory or the groups in scope stay as rows (their history is theirs) but inactive.
            employee.IsActive = employee.InDirectory && (inScope is null || inScope.Contains(employee.Id));
        }
        var state = await db.Tenants.SingleAsync(t => t.Id == tenantId, cancellationToken);
        state.DirectoryDeltaLink = round.DeltaLink;
        state.DirectoryDeltaScope = tenant.GroupsInScope;
        await db.SaveChangesAsync(cancellationToken);
        // Breaks planned for people who are no longer active are withdrawn, as the planner withdraws those that no
        // longer fit; delivered and answered ones stay.
        var withdrawn = await db.BreakOffers
            .Where(o => o.Status == OfferStatus.Planned && o.Start > now && db.Employees.Any(e => e.Id == o.EmployeeId && !e.IsActive))
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Directory sync for tenant {TenantId}: {Round} round of {Requests} requests, {Changed} changed, {Removed} removed, {Active} active, {Added} new, {Withdrawn} planned breaks withdrawn",
            tenantId, round.Full ? "full" : "delta", round.Requests, round.Changed.Count, round.Removed.Count, existing.Values.Count(e => e.IsActive), added, withdrawn);
        return added;
    }

    private async Task<Tenant> TenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AsNoTracking()
            .SingleAsync(t => t.Id == tenantId, cancellationToken);
    }

    /// <summary>
    /// Everyone in at least one of the groups (transitively: members of nested groups count), one paged request per
    /// group; null when the scope cannot be known this run.
    /// </summary>
    private async Task<HashSet<Guid>?> ReadGroupMembersAsync(
        GraphServiceClient client, Guid tenantId, IReadOnlyList<Guid> groups, CancellationToken cancellationToken)
    {
        var members = new HashSet<Guid>();
        var found = 0;
        foreach (var groupId in groups)
        {
            try
            {
                var page = await client.Groups[groupId.ToString()].TransitiveMembers.GraphUser.GetAsync(request =>
                {
                    request.QueryParameters.Select = ["id"];
                    request.QueryParameters.Top = 999;
                }, cancellationToken);
                found++;
                if (page is null) continue;
                var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(client, page, user =>
                {
                    if (Guid.TryParse(user.Id, out var id)) members.Add(id);
                    return true;
                });
                await iterator.IterateAsync(cancellationToken);
            }
            catch (Microsoft.Graph.Models.ODataErrors.ODataError error) when (error.ResponseStatusCode == 404)
            {
                // A deleted group leaves the scope; the others still say who is in it.
                logger.LogWarning("Group {GroupId} in scope of tenant {TenantId} no longer exists; skipped", groupId, tenantId);
            }
            catch (Microsoft.Graph.Models.ODataErrors.ODataError error)
            {
                // Not knowing a group's members (a permission not granted, Graph failing after its retries) is not
                // the same as the group being empty: deactivating its members would stop their breaks on a hiccup.
                logger.LogWarning("Members of group {GroupId} of tenant {TenantId} unavailable ({Status} {Code}); directory sync skipped this run",
                    groupId, tenantId, error.ResponseStatusCode, error.Error?.Code);
                return null;
            }
        }

        if (found == 0)
        {
            // Every group in scope is gone: most likely a stale setting, not a wish to stop the service for
            // everyone. Nobody is added and nobody deactivated until an admin fixes the list.
            logger.LogWarning("None of the {Count} groups in scope of tenant {TenantId} exists; directory sync skipped", groups.Count, tenantId);
            return null;
        }

        return members;
    }

}
