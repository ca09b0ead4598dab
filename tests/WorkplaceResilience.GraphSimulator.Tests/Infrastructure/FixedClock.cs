namespace WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

/// <summary>A clock frozen at a given instant (settable).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
