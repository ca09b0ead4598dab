namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>A host whose demo tenant has been synced and planned once; shared by a test class.</summary>
public abstract class SyncedApi(DatabaseKind kind) : IAsyncLifetime
{
    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new ApiHost(await TestDatabase.CreateAsync(kind));
        _ = Host.Server; // starts the host: migrations, simulator, demo tenant
        await Host.SyncEverythingAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteSyncedApi() : SyncedApi(DatabaseKind.Sqlite);
public sealed class PostgresSyncedApi() : SyncedApi(DatabaseKind.Postgres);
