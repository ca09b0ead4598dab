using Microsoft.EntityFrameworkCore;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Extensions.Options;
using Hangfire;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.People;

/// <summary>
/// Reads each tenant's directory (ids, departments, offices and countries only) and keeps the employees table in step
/// (mailbox settings are read by the calendar sync, once a day per person). When the tenant's admin set groups in scope,
/// only their members are kept active (and only their mailbox settings read).
/// </summary>
public sealed class DirectorySyncJob(
    IServiceScopeFactory scopes, GraphClients graph, IRecurringJobManager recurringJobs,
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

        var users = await ReadUsersAsync(client, cancellationToken);
        var wanted = users.Where(u => inScope is null || inScope.Contains(u.Id)).ToList();

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var existing = await db.Employees.ToDictionaryAsync(e => e.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var user in wanted)
        {
            if (!existing.TryGetValue(user.Id, out var employee))
            {
                employee = new Employee { Id = user.Id, NextCalendarSyncAt = now, WorkStart = tenant.WorkStart, WorkEnd = tenant.WorkEnd };
                db.Employees.Add(employee);
                added++;
            }
            employee.Department = user.Department;
            employee.OfficeLocation = user.OfficeLocation;
            employee.Country = user.Country;
            employee.IsActive = user.Enabled;
        }
        // People who left the directory or the groups in scope stay as rows (their history is theirs) but inactive.
        var seen = wanted.Select(u => u.Id).ToHashSet();
        foreach (var gone in existing.Values.Where(e => !seen.Contains(e.Id))) gone.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        // Breaks planned for people who are no longer active are withdrawn, as the planner withdraws those that no
        // longer fit; delivered and answered ones stay.
        var withdrawn = await db.BreakOffers
            .Where(o => o.Status == OfferStatus.Planned && o.Start > now && db.Employees.Any(e => e.Id == o.EmployeeId && !e.IsActive))
            .ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Directory sync for tenant {TenantId}: {Count} people, {InScope} in scope, {Added} new, {Withdrawn} planned breaks withdrawn",
            tenantId, users.Count, wanted.Count, added, withdrawn);
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

    private static async Task<List<DirectoryUser>> ReadUsersAsync(GraphServiceClient client, CancellationToken cancellationToken)
    {
        var users = new List<DirectoryUser>();
        var page = await client.Users.GetAsync(request =>
        {
            request.QueryParameters.Select = ["id", "department", "officeLocation", "country", "accountEnabled"];
            request.QueryParameters.Top = 999;
        }, cancellationToken);
        if (page is null) return users;
        var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(client, page, user =>
        {
            if (Guid.TryParse(user.Id, out var id))
                users.Add(new DirectoryUser(id, string.IsNullOrWhiteSpace(user.Department) ? "Unassigned" : user.Department,
                    user.OfficeLocation ?? "", user.Country ?? "", user.AccountEnabled != false));
            return true;
        });
        await iterator.IterateAsync(cancellationToken);
        return users;
    }

    private sealed record DirectoryUser(Guid Id, string Department, string OfficeLocation, string Country, bool Enabled);
}
