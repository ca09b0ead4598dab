using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using WorkplaceResilience.Api.Graph;
using WorkplaceResilience.Api.Infrastructure;
using WorkplaceResilience.Api.Persistence;

namespace WorkplaceResilience.Api.Admin;

/// <summary>
/// Builds Entra's admin-consent link for a tenant. Its state is data-protected and expires, so a callback can tell a
/// consent this service started from a made-up request.
/// </summary>
public sealed partial class ConsentLinks(IDataProtectionProvider protection, IOptionsMonitor<MicrosoftIdentityOptions> identity)
{
    public const string CallbackPath = "/api/onboarding/consent-callback";
    private const string GraphScope = "https://graph.microsoft.com/.default";
    private static readonly TimeSpan StateLifetime = TimeSpan.FromHours(1);

    /// <summary>A tenant id or a verified domain of the tenant, as Entra accepts them in the authority.</summary>
    public static bool IsTenant(string? tenant) =>
        tenant is { Length: > 0 and <= 253 } && (Guid.TryParse(tenant, out _) || Domain().IsMatch(tenant));

    public string For(HttpRequest request, string tenant)
    {
        var options = identity.Get(JwtBearerDefaults.AuthenticationScheme);
        var instance = (options.Instance ?? "https://login.microsoftonline.com/").TrimEnd('/') + "/";
        var clientId = options.ClientId ?? AuthenticationSetup.DemoClientId;
        var redirect = $"{request.Scheme}://{request.Host}{request.PathBase}{CallbackPath}";
        var state = ShortLivedTickets.Issue(protection, StatePurpose, Guid.NewGuid().ToString("N"), StateLifetime);
        return $"{instance}{Uri.EscapeDataString(tenant)}/v2.0/adminconsent?client_id={Uri.EscapeDataString(clientId)}" +
               $"&scope={Uri.EscapeDataString(GraphScope)}&redirect_uri={Uri.EscapeDataString(redirect)}&state={Uri.EscapeDataString(state)}";
    }

    public bool IsValidState(string? state) => ShortLivedTickets.Read(protection, StatePurpose, state) is not null;

    private const string StatePurpose = "WorkplaceResilience.AdminConsentState";

    [GeneratedRegex(@"^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Domain();
}

/// <summary>
/// Onboarding: an admin opens the consent link, Entra sends them back to the callback, and the callback records the
/// tenant once the consent is proven. Both endpoints are anonymous (the admin has no token for the app yet).
/// </summary>
public static class OnboardingEndpoints
{
    public sealed record ConsentLink(string Url);

    public static IEndpointRouteBuilder MapOnboarding(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/onboarding/consent-link", (string? tenant, HttpRequest request, ConsentLinks links) =>
            ConsentLinks.IsTenant(tenant)
                ? Results.Ok(new ConsentLink(links.For(request, tenant!)))
                : Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["tenant"] = ["Give your tenant id (a GUID) or one of its domains, e.g. contoso.onmicrosoft.com."],
                }, title: "No tenant to consent for"))
            .AllowAnonymous().WithTags("Onboarding")
            .WithSummary("Entra's admin-consent link for a tenant (id or domain); consenting there onboards the tenant.");

        app.MapGet(ConsentLinks.CallbackPath, CallbackAsync).AllowAnonymous().WithTags("Onboarding")
            .WithSummary("Where Entra returns after admin consent: checks the state and the consent, records the tenant, redirects to the app.");
        return app;
    }

    private static async Task<IResult> CallbackAsync(
        string? tenant, [FromQuery(Name = "admin_consent")] string? adminConsent, string? state, string? error,
        [FromQuery(Name = "error_description")] string? errorDescription,
        ConsentLinks links, GraphClients graph, AppDbContext db, IMemoryCache cache, TimeProvider clock, ILogger<ConsentLinks> logger,
        CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(error))
            return Refused("Consent was not granted", ConsentErrorText(error));
        if (!links.IsValidState(state))
            return Refused("The consent link has expired or is not valid",
                "Start again from the admin-consent link; each link works for one hour.");
        if (!Guid.TryParse(tenant, out var tenantId) || tenantId == Guid.Empty)
            return Refused("Entra ID named no tenant", "The callback needs the consenting tenant's id.");
        if (!string.Equals(adminConsent, "True", StringComparison.OrdinalIgnoreCase))
            return Refused("Consent was not granted", "Entra ID did not report an admin consent.");
        if (!await graph.CanActForAsync(tenantId, ct))
        {
            logger.LogWarning("Refused a consent callback for tenant {TenantId}: no app-only token is issued for it", tenantId);
            return Refused("The consent could not be verified",
                "No app-only token is issued for this tenant, so its admin has not consented (or consent has not reached Entra ID yet; try again in a minute).");
        }
        // Insert or ignore: a tenant already here keeps its settings; a disabled one stays disabled until its admin turns it on.
        await db.EnsureTenantAsync(tenantId, "", clock.GetUtcNow(), ct);
        // The admin's next request would otherwise meet this instance's cached "not onboarded" for up to 30 s.
        TenantAccess.Forget(cache, tenantId);
        logger.LogInformation("Tenant {TenantId} onboarded", tenantId);
        return Results.Redirect("/?onboarded=1");
    }

    private static IResult Refused(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    /// <summary>
    /// Anyone can send a link to the callback with any error text, so the page answers in its own words per known Entra
    /// error code and never repeats the query.
    /// </summary>
    private static string ConsentErrorText(string error) => error switch
    {
        "access_denied" => "The admin declined the consent.",
        "consent_required" or "interaction_required" => "Entra ID needs an admin to consent; open the consent link as an admin of the tenant.",
        "temporarily_unavailable" or "server_error" => "Entra ID is unavailable at the moment; try the consent link again in a few minutes.",
        _ => "Entra ID reported an error; try the consent link again.",
    };
}
