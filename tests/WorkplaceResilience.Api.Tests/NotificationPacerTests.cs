using System.Diagnostics;
using Microsoft.Extensions.Options;
using WorkplaceResilience.Api.Delivery;
using WorkplaceResilience.Api.Infrastructure;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// The pacer's promise, on real time: with N calls a second, a call leaves no sooner than one second after the answer to
/// the call N before it, so no one-second window at Graph ever holds N + 1 calls; a 429's Retry-After holds back every
/// later call. Only lower bounds are asserted (a loaded machine makes gaps longer, never shorter).
/// </summary>
public sealed class NotificationPacerTests
{
    private static readonly Guid Tenant = Guid.NewGuid();

    [Fact]
    public async Task A_call_leaves_a_second_after_the_answer_to_the_call_rate_calls_before_it_while_others_fly()
    {
        var pacer = new NotificationPacer(Options.Create(new JobOptions { UserNotificationCallsPerSecond = 5 }));
        var sent = new List<long>();
        var answered = new List<long>();
        var answers = new List<Task>();
        var random = new Random(7);
        for (var i = 0; i < 12; i++)
        {
            using var turn = await pacer.EnterAsync(Tenant, NotificationEndpoint.User, CancellationToken.None);
            await turn.WaitUntilAlmostDueAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            var call = await turn.WaitUntilDueAsync(CancellationToken.None);
            sent.Add(Stopwatch.GetTimestamp());
            var slot = answered.Count;
            answered.Add(0);
            var latency = random.Next(0, 60);
            answers.Add(Task.Run(async () =>
            {
                await Task.Delay(latency);
                lock (answered) answered[slot] = Stopwatch.GetTimestamp();
                call.Dispose();
            }));
        }
        await Task.WhenAll(answers);

        for (var k = 0; k + 5 < sent.Count; k++)
            Assert.True(Stopwatch.GetElapsedTime(answered[k], sent[k + 5]) >= TimeSpan.FromSeconds(1),
                $"call {k + 5} left {Stopwatch.GetElapsedTime(answered[k], sent[k + 5]).TotalMilliseconds:F0} ms after call {k}'s answer");
        // Not one after another's answer: the first five leave together, before any of them is answered.
        Assert.True(sent[4] < answered.Take(5).Max());
    }

    [Fact]
    public async Task A_429_holds_back_every_later_call_of_that_kind_for_its_Retry_After()
    {
        var pacer = new NotificationPacer(Options.Create(new JobOptions { RecipientNotificationCallsPerSecond = 2 }));
        using (var first = await pacer.EnterAsync(Tenant, NotificationEndpoint.Recipients, CancellationToken.None))
            (await first.WaitUntilDueAsync(CancellationToken.None)).Dispose();
        var refusedAt = Stopwatch.GetTimestamp();
        pacer.Throttled(Tenant, NotificationEndpoint.Recipients, TimeSpan.FromSeconds(2));

        using var next = await pacer.EnterAsync(Tenant, NotificationEndpoint.Recipients, CancellationToken.None);
        (await next.WaitUntilDueAsync(CancellationToken.None)).Dispose();
        Assert.True(Stopwatch.GetElapsedTime(refusedAt) >= TimeSpan.FromSeconds(2));
    }
}
