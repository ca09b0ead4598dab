using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>How many requests a person or a client address may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    /// <summary>Writes (POST, PUT, PATCH, DELETE under /api) per person in any one second.</summary>
    public int PersonWritesPerSecond { get; set; } = 20;
    /// <summary>Writes per person per hour: no one runs hundreds of breaks a day.</summary>
    public int PersonWritesPerHour { get; set; } = 500;
    /// <summary>Demo sign-ins and demo people lists per client address per minute.</summary>
    public int SignInsPerMinute { get; set; } = 60;
    /// <summary>Anonymous requests (the front end's files, 401s, OpenAPI) per client address per minute.</summary>
    public int AnonymousPerMinute { get; set; } = 600;
}

/// <summary>
/// One global limiter partitioned by who is asking: a person (tenant id + object id from the validated token) on
/// writes, the client address on the demo sign-in and on anonymous requests. Health probes are never limited.
/// Partition keys name a person, so they are never logged.
/// </summary>
public static class RateLimits
{
    private enum Kind { Person, SignIn, Anonymous }

    private readonly record struct Partition(Kind Kind, string Key);

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.PersonWritesPerSecond > 0 && o.PersonWritesPerHour > 0 && o.SignInsPerMinute > 0 && o.AnonymousPerMinute > 0,
                "RateLimits:PersonWritesPerSecond, RateLimits:PersonWritesPerHour, RateLimits:SignInsPerMinute and RateLimits:AnonymousPerMinute must be positive")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, Partition>(context => Classify(context) switch
                {
                    { Kind: Kind.Person } p => RateLimitPartition.GetSlidingWindowLimiter(p, _ => new SlidingWindowRateLimiterOptions
                    {
                        // Sliding, so a burst across a window boundary is still one second's worth.
                        PermitLimit = limits.PersonWritesPerSecond, Window = TimeSpan.FromSeconds(1), SegmentsPerWindow = 10, QueueLimit = 0,
                    }),
                    { Kind: Kind.SignIn } p => RateLimitPartition.GetFixedWindowLimiter(p, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    }),
                    { Kind: Kind.Anonymous } p => RateLimitPartition.GetFixedWindowLimiter(p, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.AnonymousPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                    }),
                    _ => RateLimitPartition.GetNoLimiter(default(Partition)),
                }),
                PartitionedRateLimiter.Create<HttpContext, Partition>(context => Classify(context) switch
                {
                    { Kind: Kind.Person } p => RateLimitPartition.GetFixedWindowLimiter(p, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PersonWritesPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
                    }),
                    _ => RateLimitPartition.GetNoLimiter(default(Partition)),
                }));
        });
        return services;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>null: not limited (health probes, a person's reads).</summary>
    private static Partition? Classify(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/health")) return null;
        // Graph's change notifications: many per second in a large tenant, from Graph's own addresses; each is
        // checked against a stored client-state hash and costs only a queue entry (Calendar/CalendarWebhook.cs).
        if (request.Path.StartsWithSegments(Calendar.WebhookAddress.PathPrefix)) return null;
        if (request.Path.StartsWithSegments("/api/demo")) return new Partition(Kind.SignIn, ClientAddress(context));
        var person = context.User.Identity?.IsAuthenticated == true ? CurrentUser.From(context.User) : null;
        if (person is null) return new Partition(Kind.Anonymous, ClientAddress(context));
        var write = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)
            || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);
        return write && request.Path.StartsWithSegments("/api") ? new Partition(Kind.Person, $"{person.TenantId:N}/{person.UserId:N}") : null;
    }

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : IPAddress.None.ToString();

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // The sliding window gives no retry time; a second is when its oldest writes start to drop out.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"Too many requests in a short time. Try again in {seconds} s.",
            },
        });
    }
}
