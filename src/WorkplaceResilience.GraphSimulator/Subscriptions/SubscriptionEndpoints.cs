using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkplaceResilience.GraphSimulator.Http;

namespace WorkplaceResilience.GraphSimulator.Subscriptions;

/// <summary>
/// <c>POST /subscriptions</c> (only <c>users/{id}/events</c>, optionally with <c>?$select=</c>; the notification and
/// lifecycle URLs must pass the validation handshake), <c>GET</c>, <c>PATCH</c> (a new expirationDateTime) and
/// <c>DELETE /subscriptions/{id}</c>. With <c>includeResourceData</c> an encryption certificate is required and the
/// lifetime is at most <see cref="SubscriptionHub.MaxLifetimeWithResourceData"/>, as Graph's rules for Outlook.
/// </summary>
internal static partial class SubscriptionEndpoints
{
    private static readonly string[] ChangeTypes = ["created", "updated", "deleted"];

    public static IEnumerable<GraphRoute> Routes() =>
    [
        new("POST", "subscriptions", "subscriptions", false, CreateAsync),
        new("GET", "subscriptions/{subscriptionId}", "subscription", false, GetAsync),
        new("PATCH", "subscriptions/{subscriptionId}", "subscription", false, RenewAsync),
        new("DELETE", "subscriptions/{subscriptionId}", "subscription", false, DeleteAsync),
    ];

    [GeneratedRegex(@"^/?users/([^/?]+)/events(?:\?\$select=([^&]+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex EventsResource();

    private static async Task<GraphResponse> CreateAsync(SimulatorState state, GraphRequest request)
    {
        var body = request.Body as JsonObject ?? throw GraphErrors.BadRequest("A subscription object is required.", "InvalidRequest");
        var changeType = Text(body, "changeType") ?? throw GraphErrors.BadRequest("'changeType' is required.", "InvalidRequest");
        if (changeType.Split(',').Any(c => !ChangeTypes.Contains(c.Trim(), StringComparer.Ordinal)))
        {
            throw GraphErrors.BadRequest($"'{changeType}' is not a valid change type.", "InvalidRequest");
        }

        var resource = Text(body, "resource") ?? throw GraphErrors.BadRequest("'resource' is required.", "InvalidRequest");
        var match = EventsResource().Match(resource);
        if (!match.Success)
        {
            throw GraphErrors.BadRequest($"Resource '{resource}' is not supported (the simulator supports users/{{id}}/events).", "ExtensionError");
        }

        var user = state.FindUser(Uri.UnescapeDataString(match.Groups[1].Value)) ?? throw GraphErrors.UserNotFound(match.Groups[1].Value);
        var notificationUrl = Url(body, "notificationUrl") ?? throw GraphErrors.BadRequest("'notificationUrl' is required.", "InvalidRequest");
        var lifecycleUrl = Url(body, "lifecycleNotificationUrl");
        var includeResourceData = body["includeResourceData"] is JsonValue flag && flag.TryGetValue<bool>(out var include) && include;
        var certificate = includeResourceData ? EncryptionCertificate(body) : null;
        var select = match.Groups[2].Success
            ? new HashSet<string>(Uri.UnescapeDataString(match.Groups[2].Value).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                StringComparer.OrdinalIgnoreCase)
            : null;
        var expiration = Expiration(state, body, includeResourceData);
        var clientState = Text(body, "clientState");
        if (clientState is { Length: > 128 })
        {
            throw GraphErrors.BadRequest("'clientState' is longer than 128 characters.", "InvalidRequest");
        }

        foreach (var url in new[] { notificationUrl, lifecycleUrl }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!await state.Subscriptions.ValidateAsync(url))
            {
                throw GraphErrors.BadRequest(
                    "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.", "ValidationError");
            }
        }

        var subscription = new SimSubscription(Guid.NewGuid().ToString(), user.User.Id, resource.TrimStart('/'), changeType,
            notificationUrl, lifecycleUrl, clientState, expiration)
        {
            EncryptionCertificate = certificate,
            EncryptionCertificateId = includeResourceData ? Text(body, "encryptionCertificateId") : null,
            Select = select,
        };
        state.Subscriptions.Add(subscription);
        return new GraphResponse(201, Render(state, request, subscription), []);
    }

    private static Task<GraphResponse> GetAsync(SimulatorState state, GraphRequest request) =>
        Task.FromResult(GraphResponse.Ok(Render(state, request, Existing(state, request))));

    private static Task<GraphResponse> RenewAsync(SimulatorState state, GraphRequest request)
    {
        var subscription = Existing(state, request);
        var body = request.Body as JsonObject ?? throw GraphErrors.BadRequest("A subscription object is required.", "InvalidRequest");
        var renewed = subscription with { Expiration = Expiration(state, body, subscription.IncludeResourceData) };
        state.Subscriptions.Replace(renewed);
        return Task.FromResult(GraphResponse.Ok(Render(state, request, renewed)));
    }

    private static Task<GraphResponse> DeleteAsync(SimulatorState state, GraphRequest request)
    {
        Existing(state, request);
        state.Subscriptions.Remove(request.RouteValues["subscriptionId"]);
        return Task.FromResult(GraphResponse.NoContent());
    }

    private static SimSubscription Existing(SimulatorState state, GraphRequest request)
    {
        var id = request.RouteValues["subscriptionId"];
        var subscription = state.Subscriptions.Find(id);
        if (subscription is null || subscription.Expiration <= state.Now)
        {
            throw new GraphException(404, "ResourceNotFound", $"The object was not found: subscription '{id}'.");
        }

        return subscription;
    }

    /// <summary>Graph's rule: resource data needs the public certificate (base64 DER) and an id for it.</summary>
    private static X509Certificate2 EncryptionCertificate(JsonObject body)
    {
        if (Text(body, "encryptionCertificate") is not { } encoded || Text(body, "encryptionCertificateId") is null)
        {
            throw GraphErrors.BadRequest(
                "A subscription with includeResourceData needs encryptionCertificate and encryptionCertificateId.", "InvalidRequest");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(encoded));
            return certificate.GetRSAPublicKey() is null
                ? throw GraphErrors.BadRequest("The encryption certificate must have an RSA key.", "InvalidRequest")
                : certificate;
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw GraphErrors.BadRequest("'encryptionCertificate' is not a base64-encoded certificate.", "InvalidRequest");
        }
    }

    private static DateTimeOffset Expiration(SimulatorState state, JsonObject body, bool includeResourceData)
    {
        var maxLifetime = includeResourceData ? SubscriptionHub.MaxLifetimeWithResourceData : SubscriptionHub.MaxLifetime;
        if (Text(body, "expirationDateTime") is not { } text || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var expiration))
        {
            throw GraphErrors.BadRequest("'expirationDateTime' is required and must be a date and time.", "InvalidRequest");
        }

        if (expiration <= state.Now || expiration > state.Now + maxLifetime)
        {
            throw GraphErrors.BadRequest(
                $"Subscription expiration can only be {maxLifetime.TotalMinutes:0} minutes in the future.", "ExtensionError");
        }

        return expiration.ToUniversalTime();
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private static string? Url(JsonObject body, string name)
    {
        if (Text(body, name) is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? text
            : throw GraphErrors.BadRequest($"'{name}' must be an absolute https URL.", "InvalidRequest");
    }

    private static JsonObject Render(SimulatorState state, GraphRequest request, SimSubscription s) => new()
    {
        ["@odata.context"] = $"{request.BaseUrl}/$metadata#subscriptions/$entity",
        ["id"] = s.Id,
        ["resource"] = s.Resource,
        ["applicationId"] = state.Options.ApplicationId,
        ["changeType"] = s.ChangeType,
        ["clientState"] = s.ClientState,
        ["notificationUrl"] = s.NotificationUrl,
        ["notificationQueryOptions"] = null,
        ["lifecycleNotificationUrl"] = s.LifecycleNotificationUrl,
        ["expirationDateTime"] = ODataQuery.Instant(s.Expiration),
        ["creatorId"] = state.Options.ApplicationId,
        ["includeResourceData"] = s.IncludeResourceData,
        ["latestSupportedTlsVersion"] = "v1_2",
        ["encryptionCertificate"] = s.EncryptionCertificate is { } certificate ? Convert.ToBase64String(certificate.RawData) : null,
        ["encryptionCertificateId"] = s.EncryptionCertificateId,
        ["notificationUrlAppId"] = null,
    };
}
