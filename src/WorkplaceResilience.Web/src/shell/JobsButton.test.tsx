import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockApi } from '../test/fetchMock';
import { renderWithApi } from '../test/render';
import { Header } from './Header';

const admin = { mode: 'demo' as const, accessToken: 't', displayName: 'Alan Turing', roles: ['employee' as const, 'admin' as const] };
const employee = { ...admin, displayName: 'Ada Lovelace', roles: ['employee' as const] };

describe('Background jobs for admins', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is offered to admins only', () => {
    mockApi({});
    renderWithApi(<Header session={employee} route="today" onNavigate={() => {}} onSwitchPerson={() => {}} />);
    expect(screen.queryByTestId('open-jobs')).toBeNull();
  });

  it('opens the dashboard link the service hands out in a new tab', async () => {
    const api = mockApi({ 'POST /api/admin/dashboard-link': { url: '/hangfire-sign-in?ticket=abc', expiresAt: '2026-11-23T12:01:00Z' } });
    const tab = { opener: {} as unknown, location: { href: '' }, close: vi.fn() };
    vi.stubGlobal('open', vi.fn(() => tab));
    renderWithApi(<Header session={admin} route="today" onNavigate={() => {}} onSwitchPerson={() => {}} />);
    fireEvent.click(screen.getByTestId('open-jobs'));
    await waitFor(() => expect(tab.location.href).toBe('/hangfire-sign-in?ticket=abc'));
    expect(tab.opener).toBeNull();
    expect(api.callsTo('POST', '/api/admin/dashboard-link')).toHaveLength(1);
  });
});
