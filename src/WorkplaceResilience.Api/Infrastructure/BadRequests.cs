using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace WorkplaceResilience.Api.Infrastructure;

/// <summary>
/// Bad input gets a 4xx problem in every environment, never a 500: bodies the endpoint cannot bind are 400 (415 for
/// another content type), bodies over the endpoint's limit 413. Problems say what was wrong in general terms and never
/// repeat the input.
/// </summary>
public static class BadRequests
{
    /// <summary>The largest body an API endpoint takes unless it says otherwise; the DTOs are a few hundred bytes.</summary>
    public const long ApiBodyLimit = 8 * 1024;
    /// <summary>Bodies outside the API (the Hangfire dashboard's forms).</summary>
    public const long OtherBodyLimit = 64 * 1024;

    public static IServiceCollection AddBadRequestHandling(this IServiceCollection services)
    {
        // Development's default is to throw BadHttpRequestException, which the exception handler would turn into a 500.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures leave an empty 400/415 that status code pages turn into a bare problem; say what it means.
        services.Configure<ProblemDetailsOptions>(o =>
        {
            var earlier = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                var problem = context.ProblemDetails;
                if (problem.Detail is not null || problem.Status is not (400 or 415) || problem is HttpValidationProblemDetails) return;
                (problem.Title, problem.Detail) = Describe(problem.Status.Value, 0);
            };
        });
        services.ConfigureHttpJsonOptions(o =>
        {
            // A missing required field, a number sent as a string or a key given twice is a bad request, not a guess.
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        return services;
    }

    /// <summary>After the exception handler and status code pages, before authentication: oversized bodies cost nothing.</summary>
    public static IApplicationBuilder UseBadRequestHandling(this IApplicationBuilder app) => app.UseMiddleware<RequestBodyLimit>();

    internal static long LimitFor(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } declared) return declared;
        if (!context.Request.Path.StartsWithSegments("/api")) return OtherBodyLimit;
        // API endpoints without a body parameter take no body at all, so a body cannot slip past unread. Routing's own
        // answers (415, 405) and the API's 404 fallback have no HTTP method metadata and keep their status.
        var takesNoBody = endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>() is not null && endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is null;
        return takesNoBody ? 0 : ApiBodyLimit;
    }

    internal static Task WriteProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    internal static (string Title, string Detail) Describe(int status, long limit) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ("The request body is too large",
            limit == 0 ? "This endpoint takes no request body." : $"This endpoint takes at most {limit} bytes."),
        StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type", "Send the body as application/json in UTF-8."),
        _ => ("The request could not be read", "The body or parameters are not what this endpoint expects; see /openapi/v1.json."),
    };
}

/// <summary>Thrown by <see cref="LimitedRequestStream"/>; not an IOException, so body readers do not take it for a lost connection.</summary>
internal sealed class RequestBodyTooLargeException(long limit) : Exception("The request body is over the endpoint's limit.")
{
    public long Limit { get; } = limit;
}

internal sealed class RequestBodyLimit(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = BadRequests.LimitFor(context);
        var request = context.Request;
        var chunked = request.ContentLength is null && request.Headers.TransferEncoding.Count > 0;
        if (request.ContentLength > limit || (limit == 0 && chunked))
        {
            var (title, detail) = BadRequests.Describe(StatusCodes.Status413PayloadTooLarge, limit);
            await BadRequests.WriteProblemAsync(context, problems, StatusCodes.Status413PayloadTooLarge, title, detail);
            return;
        }
        if (!IsUtf8(request.ContentType))
        {
            var (title, detail) = BadRequests.Describe(StatusCodes.Status415UnsupportedMediaType, limit);
            await BadRequests.WriteProblemAsync(context, problems, StatusCodes.Status415UnsupportedMediaType, title, detail);
            return;
        }
        // A body without a declared length is counted as it is read.
        if (request.ContentLength is null) request.Body = new LimitedRequestStream(request.Body, limit);
        await next(context);
    }

    /// <summary>JSON travels as UTF-8 (RFC 8259); an unknown charset would otherwise fail deep inside the body reader.</summary>
    private static bool IsUtf8(string? contentType) =>
        !MediaTypeHeaderValue.TryParse(contentType, out var type) || type.Charset.Length == 0
        || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Bad requests that surface as exceptions (a body over its limit while streaming, a request the server refused to
/// parse) become their 4xx problem. Logged at Debug without the input: they say nothing about the service's health.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, limit) = exception switch
        {
            RequestBodyTooLargeException tooLarge => (StatusCodes.Status413PayloadTooLarge, tooLarge.Limit),
            BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => (bad.StatusCode, BadRequests.LimitFor(context)),
            _ => (0, 0L),
        };
        if (status == 0 || context.Response.HasStarted) return false;
        logger.LogDebug("Refused a bad request with {Status} ({ExceptionType})", status, exception.GetType().Name);
        var (title, detail) = BadRequests.Describe(status, limit);
        await BadRequests.WriteProblemAsync(context, problems, status, title, detail);
        return true;
    }
}

internal sealed class LimitedRequestStream(Stream inner, long limit) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int bytes)
    {
        read += bytes;
        if (read > limit) throw new RequestBodyTooLargeException(limit);
        return bytes;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
