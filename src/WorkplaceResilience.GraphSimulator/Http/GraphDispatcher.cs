namespace WorkplaceResilience.GraphSimulator.Http;

/// <summary>
/// Runs one Graph request through routing, counting, the per-mailbox concurrency limit and its handler, turning
/// <see cref="GraphException"/> into Graph's error envelope. Used by the HTTP endpoint and by <c>$batch</c>.
/// </summary>
internal sealed class GraphDispatcher(SimulatorState state, GraphRouter router)
{
    /// <param name="heldLeases">When set (inside a batch), mailbox leases are handed over instead of released,
    /// so the batch's requests count as concurrent, as Graph runs them in parallel.</param>
    public async Task<GraphResponse> DispatchAsync(GraphRequest request, List<IDisposable>? heldLeases = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var clientRequestId = request.Header("client-request-id") ?? requestId;
        GraphResponse response;
        IDisposable? lease = null;
        try
        {
            var (route, pathMatched) = router.Match(request);
            if (route is null)
            {
                throw pathMatched
                    ? new GraphException(405, "Request_BadRequest", $"The HTTP method '{request.Method}' is not allowed for the resource '{request.Path}'.")
                    : GraphErrors.BadRequest($"Resource not found for the segment '{request.Path.Split('/').LastOrDefault()}'.");
            }

            state.Count(route.Name);
            if (state.Faults.Roll(f => f.SlowRate))
            {
                await Task.Delay(state.Faults.Options.SlowBy);
            }

            if (state.Faults.Failure() is { } injected)
            {
                throw injected;
            }

            if (route.MailboxScoped)
            {
                var idOrUpn = request.RouteValues["userId"];
                var user = state.FindUser(idOrUpn) ?? throw GraphErrors.UserNotFound(idOrUpn);
                if (state.InjectedThrottles.TryRemove((route.Name, user.User.Id), out var retryAfter))
                {
                    throw GraphErrors.Throttled("Application is over its MailboxConcurrency limit.", retryAfter);
                }

                lease = state.Mailboxes.TryAcquire(user.User.Id)
                    ?? throw GraphErrors.Throttled("Application is over its MailboxConcurrency limit.", TimeSpan.FromSeconds(1));
            }

            response = await route.Handler(state, request);
            if (response.Status < 300 && state.TakeLostResponse(route.Name))
            {
                // The request was carried out (and recorded), but its answer never reaches the client.
                throw new GraphException(504, "GatewayTimeout", "The gateway did not receive a timely response.");
            }
        }
        catch (GraphException ex)
        {
            response = GraphErrors.Response(ex.Status, ex.Code, ex.Message, requestId, clientRequestId, ex.Headers);
        }
        finally
        {
            if (lease is not null)
            {
                if (heldLeases is not null)
                {
                    heldLeases.Add(lease);
                }
                else
                {
                    lease.Dispose();
                }
            }
        }

        response.Headers["request-id"] = requestId;
        response.Headers["client-request-id"] = clientRequestId;
        return response;
    }
}
