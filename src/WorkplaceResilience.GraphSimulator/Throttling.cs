using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace WorkplaceResilience.GraphSimulator;

/// <summary>Outlook's "at most N concurrent requests per mailbox" limit. Non-blocking: over the limit the caller gets no lease.</summary>
internal sealed class MailboxConcurrencyLimiter(int maxConcurrent)
{
    private readonly ConcurrentDictionary<Guid, StrongBox<int>> inFlight = new();

    public IDisposable? TryAcquire(Guid mailbox)
    {
        var counter = inFlight.GetOrAdd(mailbox, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref counter.Value) > maxConcurrent)
        {
            Interlocked.Decrement(ref counter.Value);
            return null;
        }

        return new Lease(counter);
    }

    private sealed class Lease(StrongBox<int> counter) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref counter.Value);
            }
        }
    }
}

/// <summary>A sliding one-second window on wall-clock (monotonic) time, per tenant. Independent of the simulated clock.</summary>
internal sealed class PerSecondRateLimiter(int perSecond)
{
    private readonly Queue<long> recent = new();
    private readonly Lock gate = new();
    private readonly TimeProvider time = TimeProvider.System;

    public bool TryAcquire(out TimeSpan retryAfter)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            while (recent.Count > 0 && time.GetElapsedTime(recent.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                recent.Dequeue();
            }

            if (recent.Count >= Math.Max(1, perSecond))
            {
                retryAfter = TimeSpan.FromSeconds(1) - time.GetElapsedTime(recent.Peek(), now);
                return false;
            }

            recent.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
