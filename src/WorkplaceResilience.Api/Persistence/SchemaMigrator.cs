using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace WorkplaceResilience.Api.Persistence;

/// <summary>
/// Applies the versioned SQL scripts under Persistence/Migrations/{Sqlite|Postgres} that a database has not
/// seen yet, each in its own transaction, and records them in <c>schema_migrations</c>. On PostgreSQL an
/// advisory lock keeps two instances starting together from migrating at once.
/// </summary>
public sealed class SchemaMigrator(AppDbContext db, ILogger<SchemaMigrator> logger)
{
    private const long AdvisoryLockKey = 0x5752_4D49_4752; // "WRMIGR"

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var provider = db.IsSqlite ? "Sqlite" : "Postgres";
        var scripts = Scripts(provider);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!db.IsSqlite) await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)",
                cancellationToken);
            var applied = await AppliedVersionsAsync(connection, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var (version, sql) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var record = connection.CreateCommand())
                {
                    record.Transaction = transaction;
                    record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)";
                    AddParameter(record, "@version", version);
                    AddParameter(record, "@at", DateTimeOffset.UtcNow.ToString("O"));
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema migration {Version} on {Provider}", version, provider);
                newlyApplied.Add(version);
            }
            if (!db.IsSqlite) await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", cancellationToken);
            return newlyApplied;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The embedded scripts for a provider, ordered by their version prefix.</summary>
    public static IReadOnlyList<(string Version, string Sql)> Scripts(string provider)
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }

    private static async Task<HashSet<string>> AppliedVersionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations";
        var versions = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) versions.Add(reader.GetString(0));
        return versions;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
