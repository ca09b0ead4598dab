import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { ApiError, describeError } from './errors';

function respond(status: number, body: string, type = 'application/problem+json') {
  return vi.fn(async () => new Response(body, { status, headers: { 'Content-Type': type } }));
}

describe('ApiClient', () => {
  it('throws ApiError carrying the ProblemDetails', async () => {
    const client = new ApiClient({
      fetch: respond(409, JSON.stringify({ title: 'Offer already completed', detail: 'Nothing to do.', status: 409 })),
    });
    const error = await client.startOffer('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(describeError(error)).toEqual({ title: 'Offer already completed', detail: 'Nothing to do.' });
    expect((error as ApiError).status).toBe(409);
  });

  it('makes up a title for non-JSON errors and network failures', async () => {
    const html = new ApiClient({ fetch: respond(502, '<html>Bad gateway</html>', 'text/html') });
    expect(describeError(await html.today().catch((e: unknown) => e)).title).toBe('Something went wrong on our side');
    const offline = new ApiClient({ fetch: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const error = (await offline.today().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.title).toBe('Could not reach the service');
  });

  it('sends the tab’s language as Accept-Language on every call, anonymous ones too', async () => {
    let language = 'de';
    const fetch = vi.fn(async () => new Response('[]', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const client = new ApiClient({ fetch, getToken: async () => 'abc', getLanguage: () => language });
    const sent = (call: number) => ((fetch.mock.calls[call] as unknown as [string, RequestInit])[1].headers as Record<string, string>)['Accept-Language'];
    await client.practices();
    await client.demoPeople();
    await client.completeOffer('x', { before: null, after: null, feltWorse: false });
    expect([sent(0), sent(1), sent(2)]).toEqual(['de', 'de', 'de']);
    language = 'en';
    await client.practices();
    expect(sent(3)).toBe('en');
    await new ApiClient({ fetch }).practices();
    expect(sent(4)).toBeUndefined();
  });

  it('calls onUnauthorized on 401 (not for anonymous demo calls) and sends the bearer token', async () => {
    const onUnauthorized = vi.fn();
    const fetch = respond(401, '');
    const client = new ApiClient({ fetch, onUnauthorized, getToken: async () => 'abc' });
    await client.me().catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]).toBeDefined();
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer abc');
    await client.demoSignIn('u').catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('maps a 404 from demo/people to null (demo mode off)', async () => {
    const client = new ApiClient({ fetch: respond(404, JSON.stringify({ title: 'Not Found', status: 404 })) });
    expect(await client.demoPeople()).toBeNull();
  });

  it('sends the admin calls with their methods and JSON bodies, and reads a 204 as nothing', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ paused: true }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const client = new ApiClient({ fetch: fetch as unknown as typeof globalThis.fetch });
    expect(await client.setKillSwitch(true)).toEqual({ paused: true });
    expect(await client.deleteTenant('tenant-guid')).toBeUndefined();
    const calls = fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.body]);
    expect(calls).toEqual([
      ['/api/admin/kill-switch', 'POST', JSON.stringify({ paused: true })],
      ['/api/admin/tenant', 'DELETE', JSON.stringify({ confirm: 'tenant-guid' })],
    ]);
  });
});
