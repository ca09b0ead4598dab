using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

/// <summary>
/// Stands in for a subscriber's webhook (the simulator's <see cref="SimulatorOptions.WebhookClient"/>): echoes validation
/// tokens unless told not to, and records every notification payload it accepts.
/// </summary>
public sealed class WebhookRecorder : HttpMessageHandler
{
    public ConcurrentQueue<(Uri Url, JsonElement Body)> Posts { get; } = new();

    public ConcurrentQueue<Uri> Validations { get; } = new();

    public bool AnswerValidation { get; set; } = true;

    public IEnumerable<JsonElement> Notifications(string path) =>
        Posts.Where(p => p.Url.AbsolutePath == path).SelectMany(p => p.Body.GetProperty("value").EnumerateArray());

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
        if (query["validationToken"] is { } token)
        {
            Validations.Enqueue(request.RequestUri);
            return AnswerValidation
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(token, Encoding.UTF8, "text/plain") }
                : new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var text = await request.Content!.ReadAsStringAsync(cancellationToken);
        Posts.Enqueue((request.RequestUri, JsonDocument.Parse(text).RootElement.Clone()));
        return new HttpResponseMessage(HttpStatusCode.Accepted);
    }
}
