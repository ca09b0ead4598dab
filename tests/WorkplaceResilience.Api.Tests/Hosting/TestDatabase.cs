using Npgsql;

namespace WorkplaceResilience.Api.Tests.Hosting;

public enum DatabaseKind { Sqlite, Postgres }

/// <summary>
/// A fresh, empty database per host: a SQLite file in a temp folder, or a new database on the throwaway
/// PostgreSQL cluster that tests/run.sh starts (its connection string comes in WR_TEST_POSTGRES).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public DatabaseKind Kind { get; }
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("wr-api-tests-").FullName;
    public string? PostgresConnectionString { get; private set; }
    private string? databaseName;

    private TestDatabase(DatabaseKind kind) => Kind = kind;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        var database = new TestDatabase(kind);
        if (kind == DatabaseKind.Postgres) await database.CreatePostgresAsync();
        return database;
    }

    private async Task CreatePostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable("WR_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "PostgreSQL tests need WR_TEST_POSTGRES (a connection string to a test server). Run them with: bash tests/run.sh");
        databaseName = "wr_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", connection);
            await create.ExecuteNonQueryAsync();
        }
        PostgresConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = databaseName }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("WR_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
