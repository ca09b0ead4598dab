namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>A clock the tests move by hand: starts at the real now, advances only when told.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow()
    {
        lock (this) return now;
    }

    public void Set(DateTimeOffset value)
    {
        lock (this) now = value;
    }
}
