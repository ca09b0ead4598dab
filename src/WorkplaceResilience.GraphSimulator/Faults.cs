namespace WorkplaceResilience.GraphSimulator;

/// <summary>
/// Trouble the simulator makes on purpose (all off by default). Rates are probabilities per request or per
/// notification; a failure is a 429 with Retry-After, a 503 or a 504 in equal parts, inside a <c>$batch</c> too.
/// </summary>
public sealed record FaultOptions
{
    public static readonly FaultOptions None = new();

    /// <summary>Share of Graph requests (token requests aside) answered with 429, 503 or 504.</summary>
    public double FailureRate { get; init; }

    /// <summary>Share of Graph requests answered late, by <see cref="SlowBy"/> (real time).</summary>
    public double SlowRate { get; init; }

    public TimeSpan SlowBy { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Share of calendarView delta rounds (requests with a delta token) answered 410 <c>syncStateNotFound</c>.</summary>
    public double DeltaTokenExpiryRate { get; init; }

    /// <summary>Share of change notifications never delivered. As Graph does, a lost one is followed by a <c>missed</c>
    /// lifecycle event when the subscription has a lifecycleNotificationUrl and <see cref="SignalMissed"/> is set.</summary>
    public double LostNotificationRate { get; init; }

    public bool SignalMissed { get; init; } = true;

    /// <summary>Share of change notifications delivered twice (Graph delivers at least once).</summary>
    public double DuplicateNotificationRate { get; init; }

    public int Seed { get; init; } = 7;
}

/// <summary>Rolls the dice for <see cref="FaultOptions"/>; thread-safe.</summary>
internal sealed class FaultInjector
{
    private readonly Lock gate = new();
    private FaultOptions options = FaultOptions.None;
    private Random random = new(FaultOptions.None.Seed);

    public FaultOptions Options
    {
        get { lock (gate) return options; }
        set
        {
            lock (gate)
            {
                options = value;
                random = new Random(value.Seed);
            }
        }
    }

    public bool Roll(Func<FaultOptions, double> rate)
    {
        lock (gate)
        {
            var p = rate(options);
            return p > 0 && random.NextDouble() < p;
        }
    }

    /// <summary>The injected failure for one request, or null.</summary>
    public Http.GraphException? Failure()
    {
        int kind;
        lock (gate)
        {
            if (options.FailureRate <= 0 || random.NextDouble() >= options.FailureRate)
            {
                return null;
            }

            kind = random.Next(3);
        }

        return kind switch
        {
            0 => Http.GraphErrors.Throttled("Application is over its MailboxConcurrency limit.", TimeSpan.FromSeconds(1)),
            1 => new Http.GraphException(503, "ServiceUnavailable", "The service is temporarily unavailable.",
                new Dictionary<string, string> { ["Retry-After"] = "1" }),
            _ => new Http.GraphException(504, "GatewayTimeout", "The gateway timed out."),
        };
    }
}
