import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { SESSION_KEY } from './auth/session';
import { en } from './i18n/en';
const DEMO_BANNER_TEXT = en['demo.banner'];
import type { TeamsHost } from './auth/teams';
import { mockApi, problem } from './test/fetchMock';
import { history, jobHealth, people, practices, summary, syncState, tenantSettings, today, week } from './test/fixtures';

const notInTeams = async () => null;

const signInAs = (roles: string[], displayName: string) => ({
  accessToken: `token-for-${displayName}`,
  expiresAt: '2099-01-01T00:00:00Z',
  displayName,
  roles,
});

describe('sign-in', () => {
  it('demo mode: picks a person, signs in, stores the token and opens the HR dashboard for HR', async () => {
    const api = mockApi({
      'GET /api/demo/people': people,
      'POST /api/demo/sign-in': signInAs(['employee', 'hr'], 'Grace Hopper'),
      'GET /api/me': { displayName: 'Grace Hopper', department: 'People', timeZone: 'UTC', roles: ['employee', 'hr'] },
      'GET /api/reports/summary': summary,
    });
    render(<App connect={notInTeams} />);

    expect(await screen.findByText('Demo mode')).toBeTruthy();
    const entries = await screen.findAllByTestId('demo-person');
    expect(entries.map((e) => e.dataset.role)).toEqual(['employee', 'hr', 'admin']);
    expect(entries[1]!.textContent).toContain('HR · People');

    fireEvent.click(entries[1]!);
    await screen.findByTestId('hr-table');
    expect(api.callsTo('POST', '/api/demo/sign-in')[0]!.body).toEqual({ userId: people[1]!.id });
    expect(JSON.parse(window.sessionStorage.getItem(SESSION_KEY)!).accessToken).toBe('token-for-Grace Hopper');
    expect(window.location.pathname).toBe('/hr');
    expect(api.callsTo('GET', '/api/reports/summary')[0]!.headers.Authorization).toBe('Bearer token-for-Grace Hopper');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'HR dashboard' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByTestId('signed-in-name').textContent).toBe('Grace Hopper');

    // Switch person returns to the picker and forgets the token.
    fireEvent.click(screen.getByRole('button', { name: 'Switch person' }));
    await screen.findAllByTestId('demo-person');
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('demo mode: an employee lands on Today and sees no HR link', async () => {
    mockApi({
      'GET /api/demo/people': people,
      'POST /api/demo/sign-in': signInAs(['employee'], 'Ada Lovelace'),
      'GET /api/me/today': today,
      'GET /api/practices': practices,
    });
    window.history.replaceState(null, '', '/hr');
    render(<App connect={notInTeams} />);
    fireEvent.click((await screen.findAllByTestId('demo-person'))[0]!);
    await screen.findAllByTestId('offer-card');
    expect(window.location.pathname).toBe('/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'HR dashboard' })).toBeNull();
  });

  it('shows a failed demo sign-in as a message bar', async () => {
    mockApi({
      'GET /api/demo/people': people,
      'POST /api/demo/sign-in': problem(400, 'Unknown person', 'That demo person no longer exists.'),
    });
    render(<App connect={notInTeams} />);
    fireEvent.click((await screen.findAllByTestId('demo-person'))[0]!);
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Unknown person');
    expect(bar.textContent).toContain('That demo person no longer exists.');
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('outside demo mode (404) asks to open the app in Teams or Outlook', async () => {
    mockApi({ 'GET /api/demo/people': problem(404, 'Not Found') });
    render(<App connect={notInTeams} />);
    expect(await screen.findByRole('heading', { name: 'Open this app in Microsoft Teams or Outlook' })).toBeTruthy();
    expect(screen.queryByText('Demo mode')).toBeNull();
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });

  it('demo mode: a small banner that cannot be dismissed says so, before and after sign-in', async () => {
    mockApi({
      'GET /api/demo/people': people,
      'POST /api/demo/sign-in': signInAs(['employee'], 'Ada Lovelace'),
      'GET /api/me/today': today,
      'GET /api/practices': practices,
    });
    render(<App connect={notInTeams} />);
    const banner = await screen.findByTestId('demo-banner');
    expect(banner.textContent).toBe(DEMO_BANNER_TEXT);
    expect(within(banner).queryByRole('button')).toBeNull();
    fireEvent.click((await screen.findAllByTestId('demo-person'))[0]!);
    await screen.findAllByTestId('offer-card');
    expect(screen.getByTestId('demo-banner').textContent).toBe(DEMO_BANNER_TEXT);
  });

  it('a 401 from the API sends a stored session back to sign-in', async () => {
    window.sessionStorage.setItem(
      SESSION_KEY,
      JSON.stringify({ mode: 'demo', accessToken: 'stale', displayName: 'Ada Lovelace', roles: ['employee'] }),
    );
    mockApi({
      'GET /api/me': problem(401, 'Unauthorized'),
      'GET /api/me/today': problem(401, 'Unauthorized'),
      'GET /api/practices': problem(401, 'Unauthorized'),
      'GET /api/demo/people': people,
    });
    render(<App connect={notInTeams} />);
    await screen.findAllByTestId('demo-person');
    expect(screen.getByText(/Your sign-in has ended/)).toBeTruthy();
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBeNull();
  });

  it('inside Teams: uses the Teams SSO token, never stores it, and follows theme changes', async () => {
    let themeHandler: ((t: 'default' | 'dark' | 'contrast') => void) | undefined;
    const host: TeamsHost = {
      kind: 'teams',
      openTab: async () => false,
      theme: 'dark',
      subPageId: null,
      getAuthToken: vi.fn(async () => 'teams-sso-token'),
      onThemeChange: (h) => {
        themeHandler = h;
      },
    };
    const api = mockApi({
      'GET /api/me': { displayName: 'Ada Lovelace', department: 'Engineering', timeZone: 'UTC', roles: ['employee'] },
      'GET /api/me/today': today,
      'GET /api/practices': practices,
    });
    render(<App connect={async () => host} />);
    await screen.findAllByTestId('offer-card');
    expect(screen.getByTestId('signed-in-name').textContent).toBe('Ada Lovelace');
    expect(screen.queryByText('Demo mode')).toBeNull();
    expect(screen.queryByTestId('demo-banner')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Switch person' })).toBeNull();
    expect(api.callsTo('GET', '/api/me/today')[0]!.headers.Authorization).toBe('Bearer teams-sso-token');
    expect(api.callsTo('GET', '/api/demo/people')).toHaveLength(0);
    expect(window.sessionStorage.getItem(SESSION_KEY)).toBeNull();
    expect(themeHandler).toBeDefined();
    await waitFor(() => themeHandler!('contrast'));
  });
});

describe('admin page', () => {
  const storeDemoSession = (roles: string[]) =>
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Someone', roles }));

  it('is linked in the header for admins and opens at /admin', async () => {
    storeDemoSession(['employee', 'admin']);
    mockApi({
      'GET /api/me': { displayName: 'Alan Turing', department: 'IT', timeZone: 'UTC', roles: ['employee', 'admin'] },
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'GET /api/admin/settings': tenantSettings,
      'GET /api/admin/sync': syncState,
      'GET /api/admin/jobs': jobHealth,
    });
    render(<App connect={notInTeams} />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Admin' }));
    await screen.findByTestId('settings-form');
    expect(window.location.pathname).toBe('/admin');
    expect(within(nav).getByRole('link', { name: 'Admin' }).getAttribute('aria-current')).toBe('page');
    expect(document.title).toBe('Admin · Workplace Resilience');
  });

  it.each([[['employee']], [['employee', 'hr']]])('tells %j it is only for admins and calls no admin API', async (roles) => {
    storeDemoSession(roles);
    window.history.replaceState(null, '', '/admin');
    const api = mockApi({ 'GET /api/me': { displayName: 'Someone', department: 'People', timeZone: 'UTC', roles } });
    render(<App connect={notInTeams} />);
    expect((await screen.findByTestId('admin-only')).textContent).toContain('only for admins');
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Admin' })).toBeNull();
    expect(api.calls.filter((c) => c.path.startsWith('/api/admin/'))).toHaveLength(0);
  });
});

describe('deep links from a notification', () => {
  const OFFER = '3f2b8c1e-9d4a-4e6b-8a7c-1b2d3e4f5a6b';
  const linked = { ...today, offers: today.offers.map((o) => (o.id === 'offer-2' ? { ...o, id: OFFER } : o)) };
  const employee = { displayName: 'Ada Lovelace', department: 'Engineering', timeZone: 'UTC', roles: ['employee'] };

  it('inside Teams: the context’s subPageId opens Today focused on that offer', async () => {
    const host: TeamsHost = {
      kind: 'teams',
      theme: 'default',
      subPageId: OFFER,
      getAuthToken: async () => 'sso',
      onThemeChange: () => undefined,
      openTab: async () => false,
    };
    mockApi({ 'GET /api/me': employee, 'GET /api/me/today': linked, 'GET /api/practices': practices });
    window.history.replaceState(null, '', '/?inTeams=1');
    render(<App connect={async () => host} />);
    await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('offer-card'));
    expect(document.activeElement!.textContent).toContain('5-minute break at 12:30');
    expect(document.activeElement!.getAttribute('data-highlighted')).toBe('true');
  });

  it('outside Teams: ?offer= does the same', async () => {
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Ada', roles: ['employee'] }));
    mockApi({ 'GET /api/me': employee, 'GET /api/me/today': linked, 'GET /api/practices': practices });
    window.history.replaceState(null, '', `/?offer=${OFFER}`);
    render(<App connect={notInTeams} />);
    await waitFor(() => expect(document.activeElement?.getAttribute('data-highlighted')).toBe('true'));
    expect(screen.getAllByTestId('offer-from-notification')).toHaveLength(1);
  });
});

describe('in Outlook and the Microsoft 365 app (same code, host-aware)', () => {
  const employee = { displayName: 'Ada Lovelace', department: 'Engineering', timeZone: 'UTC', roles: ['employee'] };
  const hostIn = (kind: TeamsHost['kind'], openTab: TeamsHost['openTab'], getAuthToken: TeamsHost['getAuthToken'] = async () => 'sso'): TeamsHost => ({
    kind,
    theme: 'default',
    subPageId: null,
    getAuthToken,
    onThemeChange: () => undefined,
    openTab,
  });

  it('signs in with the host’s SSO token in Outlook and names Outlook when that fails', async () => {
    const getAuthToken = vi.fn(async () => {
      throw new Error('consent required');
    });
    mockApi({ 'GET /api/me': employee });
    render(<App connect={async () => hostIn('outlook', async () => false, getAuthToken)} />);
    expect((await screen.findByTestId('host-sign-in-failed')).textContent).toContain('through Outlook');
    expect(getAuthToken).toHaveBeenCalled();
  });

  it('opens My week as the host’s own tab where the host can (pages.currentApp supported)', async () => {
    const openTab = vi.fn(async () => true);
    mockApi({ 'GET /api/me': employee, 'GET /api/me/today': today, 'GET /api/practices': practices });
    render(<App connect={async () => hostIn('microsoft365', openTab)} />);
    await screen.findAllByTestId('offer-card');
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'My week' }));
    await waitFor(() => expect(openTab).toHaveBeenCalledWith('week'));
    expect(window.location.pathname).toBe('/');
    // the page already shown is not opened again through the host
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Today' }));
    expect(openTab).toHaveBeenCalledTimes(1);
  });

  it('navigates in the page where the host cannot, and for pages that are no tab of their own', async () => {
    const openTab = vi.fn(async () => false);
    mockApi({
      'GET /api/me': employee,
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'GET /api/me/week': { ...week },
      'GET /api/me/history': history,
    });
    render(<App connect={async () => hostIn('outlook', openTab)} />);
    await screen.findAllByTestId('offer-card');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    fireEvent.click(within(nav).getByRole('link', { name: 'My week' }));
    await screen.findByTestId('week-totals');
    expect(openTab).toHaveBeenCalledWith('week');
    expect(window.location.pathname).toBe('/week');
    openTab.mockClear();
    fireEvent.click(within(nav).getByRole('link', { name: 'My data' }));
    await waitFor(() => expect(window.location.pathname).toBe('/my-data'));
    expect(openTab).not.toHaveBeenCalled();
  });
});
