using System.Collections.Concurrent;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>The two activity-feed endpoints, each with its own per-tenant rate.</summary>
public enum NotificationEndpoint { Recipients, User }

/// <summary>
/// Keeps this process within Graph's per-tenant rate of each activity-feed endpoint: calls of a kind go one at a time, each
/// starting an interval (plus a small margin for network jitter) after the previous one started, and never before it was
/// answered; a 429's Retry-After holds back every later call of that kind for the tenant. Real elapsed time, not the
/// service clock: these are Graph's seconds.
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
        return new Turn(this, lane, Interval(endpoint), time.GetUtcNow());
    }

    /// <summary>Spacing beyond Graph's exact interval, so that jitter in arrival times does not put two calls in one window.</summary>
    private const double Margin = 1.02;

    private TimeSpan Interval(NotificationEndpoint endpoint) => TimeSpan.FromSeconds(Margin / (endpoint == NotificationEndpoint.Recipients
        ? jobs.Value.RecipientNotificationCallsPerSecond
        : jobs.Value.UserNotificationCallsPerSecond));

    internal sealed class Lane
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public DateTimeOffset NextAllowed;
    }

    /// <summary>One call's slot; the next call of the kind may start one interval after this one started (once it ended), or the Retry-After after it ended.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly NotificationPacer pacer;
        private readonly Lane lane;
        private readonly TimeSpan interval;
        private readonly DateTimeOffset started;
        private TimeSpan? retryAfter;
        private bool done;

        internal Turn(NotificationPacer pacer, Lane lane, TimeSpan interval, DateTimeOffset started) =>
            (this.pacer, this.lane, this.interval, this.started) = (pacer, lane, interval, started);

        /// <summary>Graph answered 429: nothing more of this kind for the tenant until Retry-After has passed.</summary>
        public void Throttled(TimeSpan wait) => retryAfter = wait > interval ? wait : interval;

        public void Dispose()
        {
            if (done) return;
            done = true;
            var now = pacer.time.GetUtcNow();
            lane.NextAllowed = retryAfter is { } wait ? now + wait : started + interval;
            lane.Gate.Release();
        }
    }
}
