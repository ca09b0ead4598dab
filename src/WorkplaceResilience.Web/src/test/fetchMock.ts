import { vi } from 'vitest';

export interface RecordedCall {
  method: string;
  /** The query string, with its "?". */
  search: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: RecordedCall) => { status?: number; body?: unknown } | unknown;

export function json(status: number, body: unknown) {
  return { status, body };
}

export function problem(status: number, title: string, detail?: string) {
  return { status, body: { type: 'about:blank', title, status, detail } };
}

function isReply(value: unknown): value is { status: number; body?: unknown } {
  return !!value && typeof value === 'object' && 'status' in value && typeof (value as { status: unknown }).status === 'number' && Object.keys(value).every((k) => k === 'status' || k === 'body');
}

/**
 * Replaces global fetch with a router keyed by "METHOD /path" (query ignored).
 * A handler returns a plain body (→ 200) or { status, body }. Unknown routes get a 404 ProblemDetails.
 */
export function mockApi(routes: Record<string, Handler | unknown>) {
  const calls: RecordedCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input.toString(), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const call: RecordedCall = {
      method,
      path: url.pathname,
      search: url.search,
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    let reply: { status: number; body?: unknown };
    if (route === undefined) {
      reply = problem(404, 'Not Found');
    } else {
      const value = typeof route === 'function' ? (route as Handler)(call) : route;
      reply = isReply(value) ? value : { status: 200, body: value };
    }
    const isProblem = reply.status >= 400;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}
