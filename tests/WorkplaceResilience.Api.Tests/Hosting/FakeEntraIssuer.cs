using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>
/// A local stand-in for Entra's multi-tenant v2.0 endpoint over HTTPS on loopback (a self-signed certificate made
/// here), so the service's production configuration, Microsoft.Identity.Web's issuer validator included, runs
/// unmodified against it: discovery advertising the {tenantid} issuer template, and a JWKS whose key carries it.
/// </summary>
public sealed class FakeEntraIssuer : IAsyncDisposable
{
    public RSA Key { get; } = RSA.Create(2048);
    public string KeyId { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    public X509Certificate2 Certificate { get; } = CreateCertificate();
    public Uri Instance { get; private set; } = null!;
    private WebApplication app = null!;

    public static async Task<FakeEntraIssuer> StartAsync()
    {
        var issuer = new FakeEntraIssuer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(issuer.Certificate)));
        var app = builder.Build();
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Text(issuer.Discovery(tenant).ToJsonString(), "application/json"));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Text(issuer.Keys().ToJsonString(), "application/json"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer.Instance = new Uri(address.TrimEnd('/') + "/");
        issuer.app = app;
        return issuer;
    }

    public string IssuerFor(object tenant) => $"{Instance}{tenant}/v2.0";

    /// <summary>Trusts exactly this issuer's certificate: for the service's back-channel in the test host only.</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.GetCertHashString() },
    };

    private JsonObject Discovery(string tenant)
    {
        var issuerTenant = tenant is "common" or "organizations" ? "{tenantid}" : tenant;
        return new JsonObject
        {
            ["issuer"] = IssuerFor(issuerTenant),
            ["authorization_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Instance}{tenant}/oauth2/v2.0/token",
            ["jwks_uri"] = $"{Instance}{tenant}/discovery/v2.0/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
        };
    }

    private JsonObject Keys()
    {
        var parameters = Key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId,
                ["n"] = TokenForge.Base64Url(parameters.Modulus!), ["e"] = TokenForge.Base64Url(parameters.Exponent!),
                ["issuer"] = IssuerFor("{tenantid}"),
            }),
        };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux needs the key exportable from a PKCS#12 round trip.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Key.Dispose();
        Certificate.Dispose();
    }
}
