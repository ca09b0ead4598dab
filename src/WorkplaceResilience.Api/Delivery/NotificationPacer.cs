using System.Collections.Concurrent;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>The two activity-feed endpoints, each with its own per-tenant rate.</summary>
public enum NotificationEndpoint { Recipients, User }

/// <summary>
/// Keeps this process within Graph's per-tenant rate of each activity-feed endpoint: calls of a kind go one at a time
/// (<see cref="EnterAsync"/>), each sent an interval (plus a small margin for jitter) after the previous one was sent
/// (<see cref="Turn.WaitUntilDueAsync"/>) and never before it was answered; a 429's Retry-After holds back every later
/// call of that kind for the tenant. The caller prepares its call (writes the hand-over) between entering and waiting, so
/// that work does not stretch the interval. Real elapsed time, not the service clock: these are Graph's seconds.
/// </summary>
public sealed class NotificationPacer(Microsoft.Extensions.Options.IOptions<Infrastructure.JobOptions> jobs)
{
    private readonly ConcurrentDictionary<(Guid, NotificationEndpoint), Lane> lanes = new();
    private readonly TimeProvider time = TimeProvider.System;

    /// <summary>Takes this tenant's lane of the endpoint (one call at a time); dispose the turn once Graph answered.</summary>
    public async Task<Turn> EnterAsync(Guid tenantId, NotificationEndpoint endpoint, CancellationToken cancellationToken)
    {
        var lane = lanes.GetOrAdd((tenantId, endpoint), _ => new Lane());
        await lane.Gate.WaitAsync(cancellationToken);
        return new Turn(this, lane, Interval(endpoint));
    }

    /// <summary>Spacing beyond Graph's exact interval, so that jitter in arrival times does not put two calls in one window.</summary>
    private const double Margin = 1.03;

    private TimeSpan Interval(NotificationEndpoint endpoint) => TimeSpan.FromSeconds(Margin / (endpoint == NotificationEndpoint.Recipients
        ? jobs.Value.RecipientNotificationCallsPerSecond
        : jobs.Value.UserNotificationCallsPerSecond));

    internal sealed class Lane
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public DateTimeOffset NextAllowed;
    }

    /// <summary>One call's slot; the next call of the kind may be sent one interval after this one was (once it was answered), or the Retry-After after the answer.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly NotificationPacer pacer;
        private readonly Lane lane;
        private readonly TimeSpan interval;
        private DateTimeOffset? sent;
        private TimeSpan? retryAfter;
        private bool done;

        internal Turn(NotificationPacer pacer, Lane lane, TimeSpan interval) => (this.pacer, this.lane, this.interval) = (pacer, lane, interval);

        /// <summary>Waits until the call may be sent; call right before sending it.</summary>
        public async Task WaitUntilDueAsync(CancellationToken cancellationToken)
        {
            var wait = lane.NextAllowed - pacer.time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, pacer.time, cancellationToken);
            sent = pacer.time.GetUtcNow();
        }

        /// <summary>Graph answered 429: nothing more of this kind for the tenant until Retry-After has passed.</summary>
        public void Throttled(TimeSpan wait) => retryAfter = wait > interval ? wait : interval;

        public void Dispose()
        {
            if (done) return;
            done = true;
            var now = pacer.time.GetUtcNow();
            if (retryAfter is { } wait) lane.NextAllowed = now + wait;
            else if (sent is { } at) lane.NextAllowed = at + interval;
            lane.Gate.Release();
        }
    }
}
