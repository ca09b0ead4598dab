using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace WorkplaceResilience.Api.Persistence;

/// <summary>Offboarding: every row of a tenant, in every table, goes in one transaction.</summary>
public static class TenantRemoval
{
    /// <summary>
    /// Deletes the tenant's rows from every table the model maps with a <c>TenantId</c> (read from the model, so a new
    /// table is included without a change here), children before parents, then the tenant itself. Returns the rows deleted.
    /// </summary>
    public static async Task<int> RemoveTenantAsync(this AppDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var entity in ChildrenFirst(db.Model))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var column = entity.FindProperty(nameof(ITenantOwned.TenantId))!.GetColumnName(table)!;
            var name = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
            // Names come from the model, not from input; the tenant id is a parameter.
            var sql = $"DELETE FROM {name} WHERE \"{column}\" = {{0}}";
            rows += await db.Database.ExecuteSqlRawAsync(sql, [tenantId], cancellationToken);
        }
        rows += await db.Tenants.Where(t => t.Id == tenantId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Tenant-owned tables ordered so that a table comes after every tenant-owned table whose foreign keys point at it.</summary>
    internal static List<IEntityType> ChildrenFirst(IModel model)
    {
        var remaining = model.GetEntityTypes()
            .Where(e => e.ClrType != typeof(Tenant) && e.GetTableName() is not null && e.FindProperty(nameof(ITenantOwned.TenantId)) is not null)
            .ToHashSet();
        var ordered = new List<IEntityType>();
        while (remaining.Count > 0)
        {
            var free = remaining.Where(e => !e.GetReferencingForeignKeys()
                .Any(fk => fk.DeclaringEntityType != e && remaining.Contains(fk.DeclaringEntityType))).ToList();
            if (free.Count == 0) throw new InvalidOperationException("The tenant-owned tables reference each other in a cycle.");
            ordered.AddRange(free.OrderBy(e => e.GetTableName(), StringComparer.Ordinal));
            remaining.ExceptWith(free);
        }
        return ordered;
    }
}
