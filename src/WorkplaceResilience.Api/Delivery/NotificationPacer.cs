using System.Collections.Concurrent;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>The two activity-feed endpoints, each with its own per-tenant rate.</summary>
public enum NotificationEndpoint { Recipients, User }

/// <summary>
/// Keeps this process within Graph's per-tenant rate of each activity-feed endpoint. Graph counts calls in a sliding
/// one-second window, so the pacer does too: with N calls a second, a call leaves one window after the answer to the call
/// N calls before it. Graph counted that call somewhere between its sending and its answer, so this never puts N + 1
/// calls in one of Graph's windows, however late or early calls arrive; it costs only that call's answer time. Calls go out
/// on that schedule, not one after another's answer: the next N − 1 calls may leave while one is in flight. A 429's
/// Retry-After holds back every later call of that kind for the tenant. Callers take turns (<see cref="EnterAsync"/>),
/// prepare their call (write the hand-over), wait for its moment (<see cref="Turn.WaitUntilDueAsync"/>), send, and report
/// the answer (dispose the <see cref="Call"/>). Real elapsed time, not the service clock: these are Graph's seconds.
/// </summary>
public sealed class NotificationPacer(Microsoft.Extensions.Options.IOptions<Infrastructure.JobOptions> jobs)
{
    private readonly ConcurrentDictionary<(Guid, NotificationEndpoint), Lane> lanes = new();
    private readonly TimeProvider time = TimeProvider.System;

    /// <summary>An answer that never comes (a hung connection) holds the lane back at most this long after its sending.</summary>
    private static readonly TimeSpan LongestAnswerWait = TimeSpan.FromSeconds(5);

    /// <summary>Takes this tenant's turn for the endpoint; the turn ends when the call is sent (or the turn disposed).</summary>
    public async Task<Turn> EnterAsync(Guid tenantId, NotificationEndpoint endpoint, CancellationToken cancellationToken)
    {
        var lane = LaneOf(tenantId, endpoint);
        await lane.Gate.WaitAsync(cancellationToken);
        return new Turn(this, lane);
    }

    /// <summary>Graph answered 429: nothing more of this kind for the tenant until Retry-After has passed.</summary>
    public void Throttled(Guid tenantId, NotificationEndpoint endpoint, TimeSpan retryAfter)
    {
        var lane = LaneOf(tenantId, endpoint);
        var until = time.GetTimestamp() + (long)(retryAfter.TotalSeconds * time.TimestampFrequency);
        lock (lane.Calls)
            if (until > lane.HeldUntil) lane.HeldUntil = until;
    }

    private Lane LaneOf(Guid tenantId, NotificationEndpoint endpoint) => lanes.GetOrAdd((tenantId, endpoint), _ =>
    {
        var perSecond = endpoint == NotificationEndpoint.Recipients
            ? jobs.Value.RecipientNotificationCallsPerSecond
            : jobs.Value.UserNotificationCallsPerSecond;
        // N calls per window: N = the rate when it is a whole number (Graph's are), else one call per 1/rate seconds.
        var calls = Math.Max(1, (int)Math.Floor(perSecond));
        return new Lane(calls, TimeSpan.FromSeconds(calls / perSecond));
    });

    internal sealed class Lane(int callsPerWindow, TimeSpan window)
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        /// <summary>The last <c>callsPerWindow</c> calls, oldest first.</summary>
        public readonly Queue<Call> Calls = new();
        public readonly int CallsPerWindow = callsPerWindow;
        public readonly TimeSpan Window = window;
        public long HeldUntil;
    }

    /// <summary>One call's turn: wait for its moment right before sending it; the next caller's turn starts then.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly NotificationPacer pacer;
        private readonly Lane lane;
        private bool done;

        internal Turn(NotificationPacer pacer, Lane lane) => (this.pacer, this.lane) = (pacer, lane);

        /// <summary>
        /// Waits until <paramref name="lead"/> before the call may be sent: the moment to write what must be written right
        /// before it (so that an instance dying in between leaves as little as possible handed over but never sent).
        /// </summary>
        public Task WaitUntilAlmostDueAsync(TimeSpan lead, CancellationToken cancellationToken) => WaitAsync(lead, cancellationToken);

        /// <summary>Waits until the call may be sent; send it right after, and dispose the returned call once Graph answered.</summary>
        public async Task<Call> WaitUntilDueAsync(CancellationToken cancellationToken)
        {
            await WaitAsync(TimeSpan.Zero, cancellationToken);
            var call = new Call(pacer.time);
            lock (lane.Calls)
            {
                lane.Calls.Enqueue(call);
                while (lane.Calls.Count > lane.CallsPerWindow) lane.Calls.Dequeue();
            }
            Dispose();
            return call;
        }

        private async Task WaitAsync(TimeSpan lead, CancellationToken cancellationToken)
        {
            var time = pacer.time;
            while (true)
            {
                Call? oldest;
                long heldUntil;
                lock (lane.Calls)
                {
                    oldest = lane.Calls.Count < lane.CallsPerWindow ? null : lane.Calls.Peek();
                    heldUntil = lane.HeldUntil;
                }
                var from = time.GetTimestamp();
                if (oldest is not null)
                {
                    var answerBy = oldest.SentAt + (long)(LongestAnswerWait.TotalSeconds * time.TimestampFrequency);
                    var answered = oldest.Answered.Task;
                    if (!answered.IsCompleted && answerBy > from)
                        await Task.WhenAny(answered, Task.Delay(time.GetElapsedTime(from, answerBy), time, cancellationToken));
                    cancellationToken.ThrowIfCancellationRequested();
                    from = answered.IsCompleted ? answered.Result : Math.Max(from, answerBy);
                    from += (long)(lane.Window.TotalSeconds * time.TimestampFrequency);
                }
                var due = Math.Max(from, heldUntil) - (long)(lead.TotalSeconds * time.TimestampFrequency);
                var now = time.GetTimestamp();
                if (due <= now) break;
                await Task.Delay(time.GetElapsedTime(now, due), time, cancellationToken);
            }
        }

        public void Dispose()
        {
            if (done) return;
            done = true;
            lane.Gate.Release();
        }
    }

    /// <summary>A call sent; dispose it once Graph answered (or the call failed), whatever the answer.</summary>
    public sealed class Call(TimeProvider time) : IDisposable
    {
        public long SentAt { get; } = time.GetTimestamp();
        internal TaskCompletionSource<long> Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => Answered.TrySetResult(time.GetTimestamp());
    }
}
