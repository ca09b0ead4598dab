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
/// Reads each tenant's directory (ids and departments only) and every person's mailbox settings
/// (time zone, working hours), and keeps the employees table in step.
/// </summary>
public sealed class DirectorySyncJob(
    IServiceScopeFactory scopes, GraphClients graph, IRecurringJobManager recurringJobs, IOptions<JobOptions> jobs,
    TimeProvider clock, ILogger<DirectorySyncJob> logger)
{
    [SkipWhenRunning, AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var tenantId in await scopes.TenantIdsAsync(cancellationToken)) added += await SyncTenantAsync(tenantId, cancellationToken);
        // New people get their calendars read now rather than at the calendar job's next turn: one coalesced
        // trigger of the recurring job, never a job per person.
        if (added > 0) recurringJobs.Trigger(RecurringJobs.CalendarSync);
    }

    /// <summary>Brings one tenant's employees up to date; returns how many people were new.</summary>
    public async Task<int> SyncTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var client = graph.For(tenantId);
        var users = await ReadUsersAsync(client, cancellationToken);
        var settings = new Dictionary<Guid, MailboxSettings?>();
        await Parallel.ForEachAsync(users,
            new ParallelOptions { MaxDegreeOfParallelism = jobs.Value.GraphConcurrency, CancellationToken = cancellationToken },
            async (user, ct) =>
            {
                var mailbox = await ReadMailboxSettingsAsync(client, user.Id, ct);
                lock (settings) settings[user.Id] = mailbox;
            });

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>().ForTenant(tenantId);
        var existing = await db.Employees.ToDictionaryAsync(e => e.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var user in users)
        {
            if (!existing.TryGetValue(user.Id, out var employee))
            {
                employee = new Employee { Id = user.Id, NextCalendarSyncAt = now };
                db.Employees.Add(employee);
                added++;
            }
            employee.Department = user.Department;
            employee.IsActive = user.Enabled;
            if (settings.GetValueOrDefault(user.Id) is { } mailbox) MailboxSettingsMapper.Apply(mailbox, employee);
        }
        var seen = users.Select(u => u.Id).ToHashSet();
        foreach (var gone in existing.Values.Where(e => !seen.Contains(e.Id))) gone.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Directory sync for tenant {TenantId}: {Count} people, {Added} new", tenantId, users.Count, added);
        return added;
    }

    private static async Task<List<DirectoryUser>> ReadUsersAsync(GraphServiceClient client, CancellationToken cancellationToken)
    {
        var users = new List<DirectoryUser>();
        var page = await client.Users.GetAsync(request =>
        {
            request.QueryParameters.Select = ["id", "department", "accountEnabled"];
            request.QueryParameters.Top = 999;
        }, cancellationToken);
        if (page is null) return users;
        var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(client, page, user =>
        {
            if (Guid.TryParse(user.Id, out var id))
                users.Add(new DirectoryUser(id, string.IsNullOrWhiteSpace(user.Department) ? "Unassigned" : user.Department, user.AccountEnabled != false));
            return true;
        });
        await iterator.IterateAsync(cancellationToken);
        return users;
    }

    private async Task<MailboxSettings?> ReadMailboxSettingsAsync(GraphServiceClient client, Guid userId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Users[userId.ToString()].MailboxSettings.GetAsync(cancellationToken: cancellationToken);
        }
        catch (Microsoft.Graph.Models.ODataErrors.ODataError error)
        {
            // A person without a mailbox keeps default hours; the next directory sync tries again.
            logger.LogWarning("Mailbox settings unavailable for a person in the directory: {Status} {Code}",
                error.ResponseStatusCode, error.Error?.Code);
            return null;
        }
    }

    private sealed record DirectoryUser(Guid Id, string Department, bool Enabled);
}
