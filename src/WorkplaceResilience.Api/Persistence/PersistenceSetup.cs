using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Persistence;

public static class PersistenceSetup
{
    /// <summary>PostgreSQL when Storage:Postgres is set, otherwise SQLite in the data folder.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, StorageOptions storage, string contentRoot)
    {
        if (storage.UsePostgres)
        {
            services.AddPostgresDataSource(storage);
            services.AddDbContext<PostgresAppDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<Npgsql.NpgsqlDataSource>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteAppDbContext>(o => o
                .UseSqlite(SqliteConnectionString(storage, contentRoot, "workplace-resilience.db"))
                .AddInterceptors(SqliteBusyTimeout.Instance));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }
        services.AddScoped<SchemaMigrator>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: Readiness.CheckTimeout);
        return services;
    }

    public static string SqliteConnectionString(StorageOptions storage, string contentRoot, string fileName)
    {
        var folder = Path.GetFullPath(storage.DataDirectory, contentRoot);
        Directory.CreateDirectory(folder);
        // No shared cache: it locks whole tables between connections of one process, which defeats WAL's
        // readers-alongside-a-writer.
        return $"Data Source={Path.Combine(folder, fileName)};Pooling=True;Default Timeout=30";
    }
}

public static class TenantQueries
{
    public sealed record ServedTenant(Guid Id, bool NudgesPaused);

    /// <summary>Every enabled customer tenant this process serves (in demo mode only the demo's); the recurring jobs work through them one at a time.</summary>
    public static async Task<List<Guid>> TenantIdsAsync(this IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        (await ServedTenantsAsync(scopes, cancellationToken)).Select(t => t.Id).ToList();

    /// <summary>As <see cref="TenantIdsAsync"/>, with each tenant's kill switch, read fresh on every call so a pause takes effect at the next run.</summary>
    public static Task<List<ServedTenant>> ServedTenantsAsync(this IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        TenantsAsync(scopes, enabledOnly: true, cancellationToken);

    /// <summary>
    /// Every tenant this process serves, enabled or not: retention keeps its promise for a tenant whose admin has
    /// turned the service off too (its old rows still expire).
    /// </summary>
    public static async Task<List<Guid>> AllTenantIdsAsync(this IServiceScopeFactory scopes, CancellationToken cancellationToken) =>
        (await TenantsAsync(scopes, enabledOnly: false, cancellationToken)).Select(t => t.Id).ToList();

    private static async Task<List<ServedTenant>> TenantsAsync(IServiceScopeFactory scopes, bool enabledOnly, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var endpoint = scope.ServiceProvider.GetRequiredService<Graph.GraphEndpoint>();
        var all = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tenants.AsNoTracking()
            .Where(t => !enabledOnly || t.Enabled).Select(t => new ServedTenant(t.Id, t.NudgesPaused)).ToListAsync(cancellationToken);
        return all.Where(t => endpoint.Serves(t.Id)).ToList();
    }
}

public static class TenantSeeding
{
    /// <summary>
    /// Inserts the tenant unless it exists, race-free across instances: two instances starting together both insert,
    /// and the one that loses on the primary key finds the row there and carries on (never check-then-insert).
    /// </summary>
    public static async Task EnsureTenantAsync(this AppDbContext db, Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.Tenants.Add(new Tenant { Id = id, Name = name, CreatedAt = now, OnboardedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Tenants.AsNoTracking().AnyAsync(t => t.Id == id, cancellationToken)) throw;
        }
    }
}

/// <summary>Set once the schema is current; readiness waits for it.</summary>
public sealed class DatabaseReadiness
{
    public volatile bool Migrated;
}

/// <summary>Brings the schema up to date before anything else starts (it is the first hosted service).</summary>
public sealed class DatabaseStartup(IServiceScopeFactory scopes, DatabaseReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        readiness.Migrated = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed class DatabaseHealthCheck(AppDbContext db, DatabaseReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.Migrated) return HealthCheckResult.Unhealthy("The database schema is not migrated yet.");
        try
        {
            await db.Tenants.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", error);
        }
    }
}
