using System.Collections.Concurrent;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>The two activity-feed endpoints, each with its own per-tenant rate.</summary>
public enum NotificationEndpoint { Recipients, User }

/// <summary>
/// Keeps this process within Graph's per-tenant rate of each activity-feed endpoint: the next call of a kind waits
/// until the interval has passed since the previous one was answered (measured from the answer, so Graph, which counts
/// arrivals, never sees two calls closer than the interval), and a 429's Retry-After holds back every later call of that
/// kind for the tenant. Real elapsed time, not the service clock: these are Graph's seconds.
/// </summary>
public sealed class NotificationPacer(Microsoft.Extensions.Options.IOptions<Infrastructure.JobOptions> jobs)
{
    private readonly ConcurrentDictionary<(Guid, NotificationEndpoint), Lane> lanes = new();
    private readonly TimeProvider time = TimeProvider.System;

    /// <summary>Waits for this tenant's turn on the endpoint; dispose the turn once Graph answered (pass Retry-After on a 429).</summary>
    public async Task<Turn> WaitTurnAsync(Guid tenantId, NotificationEndpoint endpoint, CancellationToken cancellationToken)
    {
        var lane = lanes.GetOrAdd((tenantId, endpoint), _ => new Lane());
        await lane.Gate.WaitAsync(cancellationToken);
        try
        {
            var wait = lane.NextAllowed - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);
        }
        catch
        {
            lane.Gate.Release();
            throw;
        }
        return new Turn(this, lane, Interval(endpoint));
    }

    private TimeSpan Interval(NotificationEndpoint endpoint) => TimeSpan.FromSeconds(1 / (endpoint == NotificationEndpoint.Recipients
        ? jobs.Value.RecipientNotificationCallsPerSecond
        : jobs.Value.UserNotificationCallsPerSecond));

    internal sealed class Lane
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public DateTimeOffset NextAllowed;
    }

    /// <summary>One call's slot; the next call of the kind may start one interval (or the Retry-After) after it ends.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly NotificationPacer pacer;
        private readonly Lane lane;
        private readonly TimeSpan interval;
        private TimeSpan? retryAfter;
        private bool done;

        internal Turn(NotificationPacer pacer, Lane lane, TimeSpan interval) => (this.pacer, this.lane, this.interval) = (pacer, lane, interval);

        /// <summary>Graph answered 429: nothing more of this kind for the tenant until Retry-After has passed.</summary>
        public void Throttled(TimeSpan wait) => retryAfter = wait > interval ? wait : interval;

        public void Dispose()
        {
            if (done) return;
            done = true;
            lane.NextAllowed = pacer.time.GetUtcNow() + (retryAfter ?? interval);
            lane.Gate.Release();
        }
    }
}
