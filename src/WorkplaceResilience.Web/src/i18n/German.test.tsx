import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SESSION_KEY } from '../auth/session';
import type { TeamsHost } from '../auth/teams';
import { mockApi, problem } from '../test/fetchMock';
import { practices, today, week, history } from '../test/fixtures';

/** The German chunk loads on demand: on a busy machine that takes longer than a find's default second. */
const LOADED = { timeout: 5000 };
const employee = { displayName: 'Ada Lovelace', department: 'Engineering', timeZone: 'UTC', roles: ['employee'] };
const host = (locale: string): TeamsHost => ({
  kind: 'teams',
  theme: 'default',
  locale,
  subPageId: null,
  getAuthToken: async () => 'sso',
  onThemeChange: () => undefined,
  openTab: async () => false,
});

describe('in German', () => {
  it('follows the Teams locale: German texts, German dates and times, the page’s lang attribute', async () => {
    mockApi({ 'GET /api/me': employee, 'GET /api/me/today': today, 'GET /api/practices': practices });
    render(<App connect={async () => host('de-de')} />);

    // Teams' locale arrives after start-up; the page switches to German once its texts have loaded.
    expect(await screen.findByRole('heading', { level: 1, name: 'Heute' }, LOADED)).toBeTruthy();
    const sub = await screen.findByTestId('today-sub');
    expect(sub.textContent).toContain('Montag, 23. November');
    expect(sub.textContent).toContain('Arbeitszeit 09:00–17:30');
    expect(sub.textContent).toContain('Nordamerikanische Westküsten-Normalzeit'); // the zone named in German too
    const cards = screen.getAllByTestId('offer-card');
    expect(cards.some((c) => c.textContent?.includes('3-Minuten-Pause um 11:00'))).toBe(true);
    expect(screen.getByRole('navigation', { name: 'Hauptnavigation' }).textContent).toContain('Meine Woche');
    expect(within(screen.getByTestId('support-resources')).getByText('Dies ist keine Therapie')).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('de'));
    expect(document.title).toBe('Heute · Workplace Resilience');
  });

  it('outside a host, follows the browser’s language; the week speaks German plurals and numbers', async () => {
    vi.spyOn(window.navigator, 'language', 'get').mockReturnValue('de-AT');
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Ada', roles: ['employee'] }));
    window.history.replaceState(null, '', '/week');
    mockApi({ 'GET /api/me': employee, 'GET /api/me/week': week, 'GET /api/me/history': history, 'GET /api/practices': practices });
    render(<App connect={async () => null} />);

    const totals = await screen.findByTestId('week-totals', {}, LOADED);
    expect(totals.textContent).toMatch(/^Diese Woche: \d+ Pause(n)? angeboten/);
    expect(screen.getByRole('heading', { level: 1, name: 'Meine Woche' })).toBeTruthy();
    expect(screen.getByTestId('week-sub').textContent).toContain('Nur Sie können diese Seite sehen.');
  });

  it('shows its own German title for a failed request, keeping the service’s detail', async () => {
    mockApi({
      'GET /api/me': employee,
      'GET /api/me/today': problem(503, 'Service Unavailable', 'The database is starting.'),
      'GET /api/practices': practices,
    });
    render(<App connect={async () => host('de-DE')} />);
    const bar = await screen.findByTestId('problem', {}, LOADED);
    expect(bar.textContent).toContain('Bei uns ist etwas schiefgegangen');
    expect(bar.textContent).toContain('The database is starting.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Erneut versuchen' })).toBeTruthy());
  });

  it('keeps the page (and its sign-in) when the host’s locale arrives: the Teams handshake runs once', async () => {
    const api = mockApi({ 'GET /api/me': employee, 'GET /api/me/today': today, 'GET /api/practices': practices });
    const connect = vi.fn(async () => host('de-de'));
    render(<App connect={connect} />);
    await screen.findByRole('heading', { level: 1, name: 'Heute' }, LOADED);
    await screen.findByTestId('today-sub');
    expect(connect).toHaveBeenCalledTimes(1);
    expect(api.callsTo('GET', '/api/me').length).toBeLessThanOrEqual(2);
  });

  it('asks the service for German practice texts: every call carries the tab’s language', async () => {
    const api = mockApi({ 'GET /api/me': employee, 'GET /api/me/today': today, 'GET /api/practices': practices });
    render(<App connect={async () => host('de-de')} />);
    await screen.findByRole('heading', { level: 1, name: 'Heute' }, LOADED);
    await waitFor(() => expect(api.callsTo('GET', '/api/practices').at(-1)?.headers['Accept-Language']).toBe('de'));
    expect(api.calls.every((c) => ['en', 'de'].includes(c.headers['Accept-Language'] ?? ''))).toBe(true);
  });

  it('falls back to English for a language without texts', async () => {
    mockApi({ 'GET /api/me': employee, 'GET /api/me/today': today, 'GET /api/practices': practices });
    render(<App connect={async () => host('fr-FR')} />);
    await screen.findByTestId('today-sub');
    expect(screen.getByRole('heading', { level: 1, name: 'Today' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
  });
});
