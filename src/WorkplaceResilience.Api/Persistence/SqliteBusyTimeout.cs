using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkplaceResilience.Api.Persistence;

/// <summary>
/// Makes every SQLite connection wait up to five seconds for another connection's lock inside SQLite itself
/// (<c>busy_timeout</c> is per connection, so it is set on each open). Microsoft.Data.Sqlite also retries a
/// busy statement until the command timeout, but by sleeping and re-running it from outside; SQLite's own
/// busy handler retries within milliseconds, which keeps request latency down when writers overlap.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 5000;
    public static readonly SqliteBusyTimeout Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds}";
        return command;
    }
}
