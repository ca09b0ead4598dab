using Azure.Core;
using Azure.Identity;
using Npgsql;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Persistence;

/// <summary>
/// The one PostgreSQL data source that EF Core and Hangfire share. With <c>Storage:PostgresAuthentication</c> set to
/// <c>ManagedIdentity</c> there is no password anywhere: each new physical connection uses a short-lived Entra token for
/// Azure Database for PostgreSQL as its password, fetched from the service's managed identity and renewed before it expires.
/// </summary>
public static class PostgresDataSource
{
    public const string Password = "Password";
    public const string ManagedIdentity = "ManagedIdentity";
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    public static IServiceCollection AddPostgresDataSource(this IServiceCollection services, StorageOptions storage)
    {
        if (storage.PostgresAuthentication == ManagedIdentity)
        {
            // AZURE_CLIENT_ID names the user-assigned identity (infra/ sets it); without it the system-assigned one is used.
            var clientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID");
            services.AddSingleton<TokenCredential>(_ => string.IsNullOrEmpty(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
        }
        services.AddSingleton(sp => Create(storage, storage.PostgresAuthentication == ManagedIdentity ? sp.GetRequiredService<TokenCredential>() : null));
        return services;
    }

    private static NpgsqlDataSource Create(StorageOptions storage, TokenCredential? credential)
    {
        var builder = new NpgsqlDataSourceBuilder(storage.Postgres);
        if (credential is not null)
        {
            builder.UsePeriodicPasswordProvider(async (_, cancellationToken) =>
                (await credential.GetTokenAsync(new TokenRequestContext([EntraScope]), cancellationToken)).Token,
                successRefreshInterval: TimeSpan.FromMinutes(50), failureRefreshInterval: TimeSpan.FromSeconds(10));
        }
        return builder.Build();
    }
}

/// <summary>Hangfire.PostgreSql's connections come from the shared data source (and so carry its authentication).</summary>
internal sealed class DataSourceConnectionFactory(NpgsqlDataSource dataSource) : Hangfire.PostgreSql.IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
}
