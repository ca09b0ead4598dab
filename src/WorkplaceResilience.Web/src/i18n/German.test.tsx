import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SESSION_KEY } from '../auth/session';
import type { TeamsHost } from '../auth/teams';
import { mockApi, problem } from '../test/fetchMock';
import { practices, today, week, history } from '../test/fixtures';

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

    const sub = await screen.findByTestId('today-sub');
    expect(screen.getByRole('heading', { level: 1, name: 'Heute' })).toBeTruthy();
    expect(sub.textContent).toContain('Montag, 23. November');
    expect(sub.textContent).toContain('Arbeitszeit 09:00–17:30');
    const cards = screen.getAllByTestId('offer-card');
    expect(cards.some((c) => c.textContent?.includes('3-Minuten-Pause um 11:00'))).toBe(true);
    expect(screen.getByRole('navigation', { name: 'Hauptnavigation' }).textContent).toContain('Meine Woche');
    expect(within(screen.getByTestId('support-resources')).getByText('Dies ist keine Therapie')).toBeTruthy();
    expect(document.documentElement.lang).toBe('de');
    expect(document.title).toBe('Heute · Workplace Resilience');
  });

  it('outside a host, follows the browser’s language; the week speaks German plurals and numbers', async () => {
    vi.spyOn(window.navigator, 'language', 'get').mockReturnValue('de-AT');
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Ada', roles: ['employee'] }));
    window.history.replaceState(null, '', '/week');
    mockApi({ 'GET /api/me': employee, 'GET /api/me/week': week, 'GET /api/me/history': history, 'GET /api/practices': practices });
    render(<App connect={async () => null} />);

    const totals = await screen.findByTestId('week-totals');
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
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Bei uns ist etwas schiefgegangen');
    expect(bar.textContent).toContain('The database is starting.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Erneut versuchen' })).toBeTruthy());
  });

  it('falls back to English for a language without texts', async () => {
    mockApi({ 'GET /api/me': employee, 'GET /api/me/today': today, 'GET /api/practices': practices });
    render(<App connect={async () => host('fr-FR')} />);
    await screen.findByTestId('today-sub');
    expect(screen.getByRole('heading', { level: 1, name: 'Today' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });
});
