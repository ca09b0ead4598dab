using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WorkplaceResilience.Api.Persistence;

/// <summary>
/// Applies the EF Core migrations of the database's provider (Persistence/Migrations/{Sqlite|Postgres}) that it
/// has not seen yet. A database created by the pre-EF SQL scripts is baselined first: its schema is the first
/// migration's, so that migration is recorded as applied rather than run.
/// </summary>
public sealed class SchemaMigrator(AppDbContext db, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x5752_4D49_4752; // "WRMIGR"
    private const string LegacyVersion = "0001_initial";

    /// <returns>
    /// The migrations this call applied. On SQLite, where nothing serialises whole calls, a call racing another
    /// process may also list what that process applied; EF Core's lock still applies each migration once.
    /// </returns>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // WAL lets readers carry on while a writer commits; the mode is stored in the file, so setting it once holds.
            if (db.IsSqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancellationToken);
            // EF Core's own migration lock (Npgsql: LOCK TABLE "__EFMigrationsHistory" inside MigrateAsync's transaction;
            // SQLite: a row in "__EFMigrationsLock") covers neither the history table's creation nor the baseline
            // below, so on PostgreSQL this session-level advisory lock serialises the whole step across instances.
            if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            try
            {
                await BaselineLegacySchemaAsync(cancellationToken);
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                await db.Database.MigrateAsync(cancellationToken);
                foreach (var migration in pending)
                    logger.LogInformation("Applied schema migration {Migration} on {Provider}", migration, db.Database.ProviderName);
                return pending;
            }
            finally
            {
                if (!db.IsSqlite) await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The SQL scripts recorded themselves in <c>schema_migrations</c>; only <c>0001_initial</c> ever existed, and
    /// the first migration creates exactly its schema (on SQLite without the minimum-group-size CHECK, which the
    /// next SQLite migration adds). The old table is dropped so an upgraded database looks like a new one.
    /// </summary>
    private async Task BaselineLegacySchemaAsync(CancellationToken cancellationToken)
    {
        // Not IHistoryRepository.ExistsAsync: Npgsql's always answers true.
        if (await TableExistsAsync(HistoryRepository.DefaultTableName, cancellationToken)
            || !await TableExistsAsync("schema_migrations", cancellationToken)) return;
        var versions = await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM schema_migrations").ToListAsync(cancellationToken);
        if (versions is not [LegacyVersion])
            throw new InvalidOperationException(
                $"schema_migrations lists [{string.Join(", ", versions)}]; only {LegacyVersion} can be upgraded to EF Core migrations.");
        var initial = db.Database.GetMigrations().First();
        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion())), cancellationToken);
        await db.Database.ExecuteSqlRawAsync("DROP TABLE schema_migrations", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("The database was created by the pre-EF SQL scripts ({Version}); recorded {Migration} as applied",
            LegacyVersion, initial);
    }

    private async Task<bool> TableExistsAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = db.IsSqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @table";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@table";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }
}
