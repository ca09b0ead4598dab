using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// The built front end: Vite's hashed files under /assets are served Brotli- or gzip-compressed and cached for a year
/// (a new build has new names); everything else (index.html, the legal pages) is revalidated on every load, so a
/// deployment reaches people at once. Only /assets is compressed: those files never echo a request or hold a secret.
/// </summary>
public static class StaticAssets
{
    private const string HashedFolder = "/assets";

    /// <summary>For the single-page fallback (index.html at any client route): checked again on every load.</summary>
    public static readonly StaticFileOptions Revalidated = new()
    {
        OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
    };

    public static IServiceCollection AddStaticAssets(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    public static WebApplication UseStaticAssets(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(HashedFolder), branch => branch.UseResponseCompression());
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] =
                context.Context.Request.Path.StartsWithSegments(HashedFolder) ? "public, max-age=31536000, immutable" : "no-cache",
        });
        return app;
    }
}
