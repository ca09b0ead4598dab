using System.Diagnostics;
using System.Globalization;
using WorkplaceResilience.Api.Infrastructure;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace WorkplaceResilience.Api.Graph;

/// <summary>One independent Graph read for one mailbox, run inside a <c>$batch</c> by <see cref="GraphBatchRunner"/>.</summary>
public abstract class BatchedRead(Guid mailbox)
{
    public Guid Mailbox { get; } = mailbox;
    /// <summary>Transient failures so far (429, 503, 504, the whole batch failing).</summary>
    public int Attempts { get; set; }
    /// <summary>Set when the read gave up: a Graph status and code, never Graph's message (it can name the person).</summary>
    public string? Failure { get; set; }

    public abstract RequestInformation Request(GraphServiceClient client);

    /// <summary>Takes a 2xx answer; returns the next read of the same work (e.g. the next page), or null when done.</summary>
    public abstract Task<BatchedRead?> CompleteAsync(HttpResponseMessage response, CancellationToken cancellationToken);

    /// <summary>Reads a batched answer's JSON body as the SDK's model type.</summary>
    protected static async Task<T?> ParseAsync<T>(HttpResponseMessage response, ParsableFactory<T> factory, CancellationToken cancellationToken)
        where T : IParsable
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await KiotaJsonSerializer.DeserializeAsync(body, factory, cancellationToken);
    }

    /// <summary>410 Gone (an expired delta token); returns the read that starts over, or null to fail.</summary>
    public virtual BatchedRead? Gone() => null;
}

/// <summary>
/// Runs independent reads in Graph <c>$batch</c> requests of up to 20, a bounded number of batches in flight per
/// tenant and at most 4 requests in flight per mailbox (Outlook's limit). A 429 inside a batch (which the SDK's retry
/// handler never sees) waits its Retry-After, a 503/504 backs off, each for that read alone: a throttled mailbox
/// waits while the others go on. The batch request itself goes through the SDK's retry handler.
/// </summary>
public sealed class GraphBatchRunner(ILogger<GraphBatchRunner> logger)
{
    public const int MaxBatchSize = 20;
    public const int MaxPerMailbox = 4;
    private const int MaxAttempts = 6;

    /// <summary>Runs every read (and the follow-ups they return) to completion or failure.</summary>
    public async Task RunAsync(GraphServiceClient client, IEnumerable<BatchedRead> reads, int batchesInFlight, CancellationToken cancellationToken)
    {
        var ready = new LinkedList<BatchedRead>(reads);
        var waiting = new List<(DateTimeOffset At, BatchedRead Read)>();
        var inFlight = new Dictionary<Guid, int>();
        var running = new List<Task<List<(BatchedRead Read, Outcome Outcome)>>>();
        while (ready.Count > 0 || waiting.Count > 0 || running.Count > 0)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var due in waiting.Where(w => w.At <= now).ToList())
            {
                waiting.Remove(due);
                ready.AddLast(due.Read);
            }

            while (running.Count < batchesInFlight && Take(ready, inFlight) is { Count: > 0 } batch)
            {
                foreach (var read in batch) inFlight[read.Mailbox] = inFlight.GetValueOrDefault(read.Mailbox) + 1;
                running.Add(SendAsync(client, batch, cancellationToken));
            }

            if (running.Count == 0)
            {
                if (waiting.Count == 0) break;
                await Task.Delay(Until(waiting), cancellationToken);
                continue;
            }

            var delay = waiting.Count > 0 ? Task.Delay(Until(waiting), cancellationToken) : null;
            var finished = await Task.WhenAny(delay is null ? running : [.. running, delay]);
            if (finished == delay) continue;
            var sent = (Task<List<(BatchedRead Read, Outcome Outcome)>>)finished;
            running.Remove(sent);
            foreach (var (read, outcome) in await sent)
            {
                inFlight[read.Mailbox]--;
                if (outcome.Next is { } next) ready.AddLast(next);
                else if (outcome.RetryAfter is { } after) waiting.Add((DateTimeOffset.UtcNow + after, read));
            }
        }
    }

    private static TimeSpan Until(List<(DateTimeOffset At, BatchedRead Read)> waiting)
    {
        var wait = waiting.Min(w => w.At) - DateTimeOffset.UtcNow;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static List<BatchedRead> Take(LinkedList<BatchedRead> ready, Dictionary<Guid, int> inFlight)
    {
        var batch = new List<BatchedRead>();
        var counts = new Dictionary<Guid, int>();
        for (var node = ready.First; node is not null && batch.Count < MaxBatchSize;)
        {
            var next = node.Next;
            var mailbox = node.Value.Mailbox;
            var used = inFlight.GetValueOrDefault(mailbox) + counts.GetValueOrDefault(mailbox);
            if (used < MaxPerMailbox)
            {
                batch.Add(node.Value);
                counts[mailbox] = counts.GetValueOrDefault(mailbox) + 1;
                ready.Remove(node);
            }

            node = next;
        }

        return batch;
    }

    private async Task<List<(BatchedRead Read, Outcome Outcome)>> SendAsync(
        GraphServiceClient client, List<BatchedRead> batch, CancellationToken cancellationToken)
    {
        var results = new List<(BatchedRead, Outcome)>();
        var content = new BatchRequestContentCollection(client, MaxBatchSize);
        var ids = new List<string>();
        foreach (var read in batch) ids.Add(await content.AddBatchRequestStepAsync(read.Request(client)));

        BatchResponseContentCollection response;
        try
        {
            response = await client.Batch.PostAsync(content, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The batch itself failed after the SDK's retries: every read in it tries again a little later.
            var reason = error is Microsoft.Kiota.Abstractions.ApiException api ? $"Graph {api.ResponseStatusCode}" : error.GetType().Name;
            logger.LogDebug(error, "A Graph batch failed");
            foreach (var read in batch) results.Add((read, Transient(read, Backoff(read), reason)));
            return results;
        }

        var statuses = await response.GetResponsesStatusCodesAsync();
        for (var i = 0; i < batch.Count; i++)
        {
            var read = batch[i];
            using var answer = statuses.ContainsKey(ids[i]) ? await response.GetResponseByIdAsync(ids[i]) : null;
            var status = answer is null ? 0 : (int)answer.StatusCode;
            // Graph's throttling counts each request inside a batch; so do the service's metrics.
            var route = GraphTrafficHandler.RouteTemplate(read.Request(client).URI);
            Telemetry.GraphRequests.Add(1, new TagList { { "route", route }, { "status", status.ToString(CultureInfo.InvariantCulture) } });
            if (status == 429) Telemetry.GraphThrottled.Add(1, new KeyValuePair<string, object?>("route", route));
            try
            {
                results.Add((read, status switch
                {
                    >= 200 and < 300 => new Outcome(await read.CompleteAsync(answer!, cancellationToken), null),
                    410 => read.Gone() is { } restart ? new Outcome(restart, null) : Fail(read, "Graph 410"),
                    429 => Transient(read, RetryAfter(answer!) ?? Backoff(read), "Graph 429"),
                    503 or 504 => Transient(read, RetryAfter(answer!) ?? Backoff(read), $"Graph {status}"),
                    0 => Transient(read, Backoff(read), "no answer in the batch"),
                    _ => Fail(read, await DescribeAsync(answer!, status)),
                }));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogDebug(error, "A batched Graph read could not be used");
                results.Add((read, Fail(read, error.GetType().Name)));
            }
        }

        return results;
    }

    private static Outcome Transient(BatchedRead read, TimeSpan wait, string reason)
    {
        if (++read.Attempts >= MaxAttempts) return Fail(read, reason);
        return new Outcome(null, wait);
    }

    private static Outcome Fail(BatchedRead read, string reason)
    {
        read.Failure = reason;
        return new Outcome(null, null);
    }

    /// <summary>1, 2, 4, 8… seconds, with jitter so retries of one failed batch spread out.</summary>
    private static TimeSpan Backoff(BatchedRead read) =>
        TimeSpan.FromSeconds(Math.Pow(2, Math.Min(read.Attempts, 5)) * (0.75 + Random.Shared.NextDouble() / 2));

    private static TimeSpan? RetryAfter(HttpResponseMessage message)
    {
        if (message.Headers.RetryAfter is { } header)
            return header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (message.Headers.TryGetValues("Retry-After", out var values) && int.TryParse(values.FirstOrDefault(), out var seconds))
            return TimeSpan.FromSeconds(seconds);
        return null;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage message, int status)
    {
        var code = "";
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(await message.Content.ReadAsStringAsync());
            if (json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var c)) code = " " + c.GetString();
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return $"Graph {status}{code}";
    }

    private sealed record Outcome(BatchedRead? Next, TimeSpan? RetryAfter);
}
