import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { SESSION_KEY } from './auth/session';
import { mockApi } from './test/fetchMock';
import { history, jobHealth, people, practices, summary, syncState, tenantSettings, today, week } from './test/fixtures';

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    // jsdom has no layout or computed colours: contrast is checked in the browser (Playwright) instead.
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

function signedIn(roles: string[]) {
  window.sessionStorage.setItem(
    SESSION_KEY,
    JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Grace Hopper', roles }),
  );
}

describe('accessibility (axe-core)', () => {
  it('demo picker has no violations', async () => {
    mockApi({ 'GET /api/demo/people': people });
    render(<App connect={async () => null} />);
    await screen.findAllByTestId('demo-person');
    expect(await violations()).toEqual([]);
  });

  it('the sign-in screen inside Outlook (when SSO fails) has no violations', async () => {
    mockApi({});
    render(
      <App
        connect={async () => ({
          kind: 'outlook',
          theme: 'default',
          subPageId: null,
          getAuthToken: async () => Promise.reject(new Error('consent required')),
          onThemeChange: () => undefined,
          openTab: async () => false,
        })}
      />,
    );
    await screen.findByTestId('host-sign-in-failed');
    expect(await violations()).toEqual([]);
  });

  it('Today and the practice player have no violations', async () => {
    signedIn(['employee']);
    mockApi({
      'GET /api/me': { displayName: 'Grace Hopper', department: 'People', timeZone: 'UTC', roles: ['employee'] },
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'POST /api/offers/offer-1/start': { ...today.offers[0], status: 'started' },
    });
    render(<App connect={async () => null} />);
    const cards = await screen.findAllByTestId('offer-card');
    expect(await violations()).toEqual([]);

    const card = cards.find((c) => c.textContent?.includes('11:00'))!;
    await waitFor(() => expect(within(card).getByTestId('offer-start')).toHaveProperty('disabled', false));
    fireEvent.click(within(card).getByTestId('offer-start'));
    await screen.findByTestId('practice-player');
    expect(await violations()).toEqual([]);
    fireEvent.click(screen.getByTestId('checkin-skip'));
    expect(await violations()).toEqual([]);
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByTestId('practice-next'));
    fireEvent.click(screen.getByTestId('felt-worse'));
    expect(await violations()).toEqual([]);
    }, 30_000); // axe runs five times over a large page: slow on a busy machine

  it('Today opened from a notification (highlighted offer, "has passed" message) has no violations', async () => {
    signedIn(['employee']);
    const id = '3f2b8c1e-9d4a-4e6b-8a7c-1b2d3e4f5a6b';
    const linked = { ...today, offers: today.offers.map((o) => (o.id === 'offer-3' ? { ...o, id } : o)) };
    window.history.replaceState(null, '', `/?offer=${id}`);
    mockApi({
      'GET /api/me': { displayName: 'Grace Hopper', department: 'People', timeZone: 'UTC', roles: ['employee'] },
      'GET /api/me/today': linked,
      'GET /api/practices': practices,
    });
    render(<App connect={async () => null} />);
    await screen.findByTestId('linked-offer-notice');
    await screen.findByTestId('offer-from-notification');
    expect(await violations()).toEqual([]);
  });

  it('My week has no violations, and the nav marks it as the current page', async () => {
    signedIn(['employee']);
    window.history.replaceState(null, '', '/week');
    mockApi({
      'GET /api/me': { displayName: 'Grace Hopper', department: 'People', timeZone: 'UTC', roles: ['employee'] },
      'GET /api/me/week': week,
      'GET /api/me/history': { ...history, showSupportResources: true },
      'GET /api/practices': practices,
    });
    render(<App connect={async () => null} />);
    await screen.findByTestId('week-chart');
    await screen.findByTestId('tends-to-help');
    expect(screen.getByRole('link', { name: 'My week' }).getAttribute('aria-current')).toBe('page');
    expect(await violations()).toEqual([]);
  });

  it('HR dashboard has no violations', async () => {
    signedIn(['employee', 'hr']);
    window.history.replaceState(null, '', '/hr');
    mockApi({ 'GET /api/reports/summary': summary });
    render(<App connect={async () => null} />);
    await screen.findByTestId('hr-table');
    expect(await violations()).toEqual([]);
  });

  it('admin page has no violations, also with validation messages and the confirmation dialog open', async () => {
    signedIn(['employee', 'admin']);
    window.history.replaceState(null, '', '/admin');
    mockApi({
      'GET /api/admin/settings': tenantSettings,
      'GET /api/admin/sync': syncState,
      'GET /api/admin/jobs': jobHealth,
      'PUT /api/admin/settings': {
        status: 400,
        body: { title: 'One or more validation errors occurred.', status: 400, errors: { minimumGroupSize: ['Must be at least 5.'] } },
      },
    });
    render(<App connect={async () => null} />);
    await screen.findByTestId('settings-form');
    await screen.findByTestId('job-table');
    await screen.findByTestId('sync-state');
    expect(await violations()).toEqual([]);

    fireEvent.change(screen.getByTestId('field-dailyCap').querySelector('input')!, { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByText('Must be at least 5.');
    expect(await violations()).toEqual([]);

    fireEvent.click(screen.getByRole('switch', { name: 'Pause all break nudges for this organisation' }));
    await screen.findByTestId('kill-switch-dialog');
    expect(await violations()).toEqual([]);
  }, 30_000);
});
