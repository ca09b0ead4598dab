using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WorkplaceResilience.Api.Persistence;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>EF Core migrations, per provider: they capture the whole model and upgrade databases made by the pre-EF scripts.</summary>
public abstract class MigrationTests(DatabaseKind kind)
{
    [Fact]
    public void Every_model_change_is_captured_by_a_migration()
    {
        using AppDbContext db = kind == DatabaseKind.Sqlite
            ? new SqliteDesignTimeFactory().CreateDbContext([])
            : new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no migration captures: run `bash scripts/add-migration.sh NAME`.");
    }

    [Fact]
    public async Task A_database_made_by_the_pre_EF_scripts_keeps_its_rows_and_gets_every_migration()
    {
        var database = await TestDatabase.CreateAsync(kind);
        var tenantId = Guid.NewGuid();
        await using (var connection = OpenRaw(database))
        {
            await connection.OpenAsync();
            var legacySchema = await File.ReadAllTextAsync(
                Path.Combine(AppContext.BaseDirectory, "Hosting", "LegacySchema", kind == DatabaseKind.Sqlite ? "sqlite.sql" : "postgres.sql"));
            // What the old migrator did around the script, then a row written by the old service.
            var createdAt = kind == DatabaseKind.Sqlite ? DateTimeOffset.UtcNow.UtcTicks.ToString() : "now()";
            await ExecuteAsync(connection, legacySchema + $"""
                ;
                CREATE TABLE schema_migrations (version TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);
                INSERT INTO schema_migrations (version, applied_at) VALUES ('0001_initial', '2026-11-01T00:00:00Z');
                INSERT INTO tenants (id, name, minimum_group_size, created_at)
                VALUES ('{tenantId.ToString().ToUpperInvariant()}', 'Legacy', 7, {createdAt});
                """);
        }

        await using var host = new ApiHost(database);
        _ = host.Server;
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
        Assert.Equal(("Legacy", 7), (tenant.Name, tenant.MinimumGroupSize));
        Assert.Contains(host.Logs.Lines, line => line.Contains("pre-EF SQL scripts"));
        Assert.False(await TableExistsAsync(db, "schema_migrations"));
        await AssertMinimumGroupSizeIsGuardedAsync(db);
    }

    [Fact]
    public async Task A_new_database_defaults_and_guards_the_minimum_group_size()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = host.Server;
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = Guid.NewGuid();
        object createdAt = db.IsSqlite ? 0L : DateTimeOffset.UtcNow;
        await db.Database.ExecuteSqlAsync($"INSERT INTO tenants (id, name, created_at) VALUES ({id}, 'Defaulted', {createdAt})");
        Assert.Equal(10, (await db.Tenants.SingleAsync(t => t.Id == id)).MinimumGroupSize);
        await AssertMinimumGroupSizeIsGuardedAsync(db);
    }

    [Fact]
    public async Task Instances_migrating_at_once_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var contexts = Enumerable.Range(0, 3).Select(_ => NewContext(database)).ToList();
        try
        {
            var runs = await Task.WhenAll(contexts.Select(db =>
                Task.Run(() => new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None))));
            Assert.Equal(contexts[0].Database.GetMigrations(), await contexts[0].Database.GetAppliedMigrationsAsync());
            // Only PostgreSQL's advisory lock serialises whole calls, so only there does each call report exactly its own work.
            if (kind == DatabaseKind.Postgres)
                Assert.Equal(contexts[0].Database.GetMigrations(), runs.SelectMany(applied => applied).Order());
        }
        finally
        {
            foreach (var db in contexts) await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Calendar_blocks_hashed_with_the_old_key_are_dropped_and_every_calendar_is_read_again()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var tenantId = Guid.NewGuid();
        var employeeId = Guid.NewGuid();
        var later = DateTimeOffset.UtcNow.AddDays(1);
        await using (var db = NewContext(database))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_RekeyEventHashes", StringComparison.Ordinal)) - 1];
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(before);
            db.ForTenant(tenantId);
            // Written in SQL: the current model has tenant columns that this older schema lacks.
            object createdAt = db.IsSqlite ? DateTimeOffset.UtcNow.UtcTicks : DateTimeOffset.UtcNow;
            await db.Database.ExecuteSqlRawAsync("INSERT INTO tenants (id, name, created_at) VALUES ({0}, {1}, {2})",
                [tenantId, "Before re-keying", createdAt]);
            object Instant(DateTimeOffset at) => db.IsSqlite ? at.UtcTicks : at;
            object Time(int hour) => db.IsSqlite ? $"{hour:00}:00:00" : new TimeOnly(hour, 0);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO employees (tenant_id, id, department, time_zone, work_start, work_end, work_days, is_active, calendar_synced_at, next_calendar_sync_at) " +
                "VALUES ({0}, {1}, '', 'UTC', {2}, {3}, 62, TRUE, {4}, {5})",
                [tenantId, employeeId, Time(9), Time(17), Instant(DateTimeOffset.UtcNow), Instant(later)]);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO calendar_entries (tenant_id, employee_id, event_hash, start, \"end\", show_as, is_all_day, is_cancelled, response) " +
                "VALUES ({0}, {1}, 'HASHED-WITH-THE-TENANT-ID', {2}, {3}, 0, FALSE, FALSE, 0)",
                [tenantId, employeeId, Instant(later), Instant(later.AddHours(1))]);
        }

        await using (var db = NewContext(database))
        {
            await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
            db.ForTenant(tenantId);
            Assert.Empty(await db.CalendarEntries.ToListAsync());
            var employee = await db.Employees.SingleAsync();
            Assert.True(employee.NextCalendarSyncAt < DateTimeOffset.UtcNow, "the calendar is not due again");
        }
    }

    private static async Task AssertMinimumGroupSizeIsGuardedAsync(AppDbContext db)
    {
        db.Tenants.Add(new Tenant { Id = Guid.NewGuid(), Name = "Too small", MinimumGroupSize = 3, CreatedAt = DateTimeOffset.UtcNow });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
    }

    private static async Task<bool> TableExistsAsync(AppDbContext db, string table)
    {
        var sql = db.IsSqlite
            ? $"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
            : $"SELECT COUNT(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'";
        return (await db.Database.SqlQueryRaw<long>(sql).ToListAsync())[0] > 0;
    }

    private AppDbContext NewContext(TestDatabase database) => kind == DatabaseKind.Sqlite
        ? new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={SqliteFile(database)}").AddInterceptors(SqliteBusyTimeout.Instance).Options)
        : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.PostgresConnectionString).Options);

    private DbConnection OpenRaw(TestDatabase database) => kind == DatabaseKind.Sqlite
        ? new SqliteConnection($"Data Source={SqliteFile(database)};Pooling=False")
        : new NpgsqlConnection(database.PostgresConnectionString);

    private static string SqliteFile(TestDatabase database) => Path.Combine(database.DataDirectory, "workplace-resilience.db");

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseKind.Sqlite)
{
    [Fact]
    public async Task SQLite_runs_in_WAL_mode_and_waits_for_locks()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite));
        _ = host.Server;
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", (await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS \"Value\" FROM pragma_journal_mode").ToListAsync())[0]);
        Assert.Equal(SqliteBusyTimeout.Milliseconds,
            (await db.Database.SqlQueryRaw<long>("SELECT timeout AS \"Value\" FROM pragma_busy_timeout").ToListAsync())[0]);
    }
}

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseKind.Postgres);
