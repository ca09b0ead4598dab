using Microsoft.AspNetCore.Authentication;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// What every response carries whatever produced it (front end, static file, API, error page, 401/403/404/429,
/// health): a Content-Security-Policy that lets only the Teams, Outlook and Microsoft 365 web hosts frame the tab,
/// nosniff, a referrer policy, no Server header; HSTS and HTTPS redirection outside Development. Rate limiting
/// (RateLimits.cs) runs here too, so a 429 carries the same headers.
/// </summary>
public static class HttpSurface
{
    /// <summary>
    /// The hosts that may frame the tab: Microsoft's list for Teams apps extended to Outlook and Microsoft 365
    /// (learn.microsoft.com, "Prerequisites for tabs"). *.cloud.microsoft is where Teams, Outlook and Microsoft 365
    /// web are moving (teams.cloud.microsoft, outlook.cloud.microsoft, m365.cloud.microsoft); the rest keep the
    /// current hosts working during the move. Consumer Outlook (outlook.live.com) is left out: the app serves work
    /// accounts only.
    /// </summary>
    public static readonly IReadOnlyList<string> FrameAncestors =
    [
        "https://*.cloud.microsoft",
        "https://teams.microsoft.com",
        "https://*.teams.microsoft.com",
        "https://*.microsoft365.com",
        "https://*.office.com",
        "https://outlook.office.com",
        "https://outlook.office365.com",
        "https://outlook-sdf.office.com",
        "https://outlook-sdf.office365.com",
    ];

    /// <summary>
    /// Scripts from this origin only. Fluent UI (Griffel) inserts its styles at run time, hence inline styles.
    /// teams-js fetches its list of valid host origins from the Office CDN (it falls back to a built-in list).
    /// </summary>
    public static readonly string ContentSecurityPolicy = Policy("'self'");

    /// <summary>The Outlook add-in's function page and icons live under this path.</summary>
    public const string AddInPath = "/addin";

    /// <summary>
    /// Where Office.js comes from: add-ins must load it from Microsoft's CDN (it cannot be bundled), and it loads its
    /// host-specific scripts from there too (learn.microsoft.com, "Referencing the Office JavaScript API library").
    /// </summary>
    public const string OfficeJsOrigin = "https://appsforoffice.microsoft.com";

    /// <summary>
    /// The same policy with Office.js allowed, for <see cref="AddInPath"/> only: the tab itself never loads a script
    /// from another origin. Outlook on the web and the new Outlook frame add-ins from the Outlook hosts already in
    /// <see cref="FrameAncestors"/> (outlook.office.com, outlook.office365.com, outlook.cloud.microsoft); classic
    /// Outlook on Windows and Outlook on Mac run them in a web view with no framing page.
    /// </summary>
    public static readonly string AddInContentSecurityPolicy = Policy($"'self' {OfficeJsOrigin}");

    private static string Policy(string scriptSources) => string.Join("; ",
        "default-src 'self'",
        $"script-src {scriptSources}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self' https://res.cdn.office.net",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        $"frame-ancestors {string.Join(' ', FrameAncestors)}");

    public static WebApplicationBuilder AddHttpSurface(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddRateLimits(builder.Configuration);
        return builder;
    }

    /// <summary>The outermost middleware: call before anything else in the pipeline.</summary>
    public static WebApplication UseHttpSurface(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // OnStarting, not set-then-continue: the exception handler and status code pages clear headers.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments(AddInPath) ? AddInContentSecurityPolicy : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.Remove("Server");
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.Use(AuthenticateEarly);
        app.UseRateLimits();
        return app;
    }

    /// <summary>
    /// Rate limits are per person, so the person has to be known before the limiter runs, which is ahead of the
    /// pipeline's UseAuthentication. The handler caches its result per request, so that later call costs nothing.
    /// </summary>
    private static async Task AuthenticateEarly(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.Authorization.Count > 0)
        {
            try
            {
                var result = await context.AuthenticateAsync();
                if (result.Succeeded) context.User = result.Principal;
            }
            catch (Exception)
            {
                // Treated as anonymous here; UseAuthentication meets the same failure inside the exception handler,
                // which answers it as a problem.
            }
        }
        await next(context);
    }
}
