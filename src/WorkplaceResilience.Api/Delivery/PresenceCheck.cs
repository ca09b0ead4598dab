using Microsoft.Graph;
using Microsoft.Graph.Communications.GetPresencesByUserId;

namespace WorkplaceResilience.Api.Delivery;

/// <summary>
/// Who must not be nudged now, by Teams presence, read in bulk (<c>getPresencesByUserId</c>, ≤650 ids a call):
/// Busy or DoNotDisturb, or in a call, a conference call, a meeting, presenting, or "urgent interruptions only".
/// </summary>
public static class PresenceCheck
{
    public const int MaxIdsPerCall = 650;

    private static readonly HashSet<string> BusyAvailability = new(StringComparer.OrdinalIgnoreCase) { "Busy", "BusyIdle", "DoNotDisturb" };
    private static readonly HashSet<string> BusyActivity = new(StringComparer.OrdinalIgnoreCase)
    {
        "Busy", "DoNotDisturb", "InACall", "InAConferenceCall", "InAMeeting", "Presenting", "UrgentInterruptionsOnly",
    };

    public static bool IsBusy(string? availability, string? activity) =>
        (availability is not null && BusyAvailability.Contains(availability)) || (activity is not null && BusyActivity.Contains(activity));

    /// <summary>
    /// The people who are busy now. When presence cannot be read for a chunk of people (Graph failed), all of them count
    /// as busy: a missed moment is better than a nudge during a call. Returns the number of Graph calls made, too.
    /// </summary>
    public static async Task<(HashSet<Guid> Busy, int Calls)> BusyPeopleAsync(
        GraphServiceClient client, IReadOnlyCollection<Guid> people, ILogger logger, CancellationToken cancellationToken)
    {
        var busy = new HashSet<Guid>();
        var calls = 0;
        foreach (var chunk in people.Chunk(MaxIdsPerCall))
        {
            calls++;
            try
            {
                var answer = await client.Communications.GetPresencesByUserId.PostAsGetPresencesByUserIdPostResponseAsync(
                    new GetPresencesByUserIdPostRequestBody { Ids = chunk.Select(id => id.ToString()).ToList() }, cancellationToken: cancellationToken);
                foreach (var presence in answer?.Value ?? [])
                    if (IsBusy(presence.Availability, presence.Activity) && Guid.TryParse(presence.Id, out var id))
                        busy.Add(id);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogWarning("Presence could not be read for {Count} people ({Failure}); their nudges wait", chunk.Length, error.GetType().Name);
                busy.UnionWith(chunk);
            }
        }
        return (busy, calls);
    }
}
