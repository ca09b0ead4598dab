import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { SESSION_KEY } from '../auth/session';
import type { MySettingsResponse } from '../api/types';
import { mockApi } from '../test/fetchMock';
import { renderWithApi } from '../test/render';
import { MySettingsPage } from './MySettingsPage';

const current: MySettingsResponse = {
  settings: {
    breaksOn: true,
    lengths: [1, 3, 5],
    dailyCap: 3,
    minimumSpacingMinutes: 60,
    quietStart: null,
    quietEnd: null,
    workStart: null,
    workEnd: null,
    tentativeIsBusy: true,
    arrivalPractices: false,
    calendarHold: false,
    preferredFamily: null,
    pausedUntil: null,
  },
  organisation: { maximumDailyCap: 4, minimumSpacingMinutes: 60, quietStart: '12:00', quietEnd: '13:00' },
  shareCheckIns: false,
};

const input = (field: string) => screen.getByTestId(`my-field-${field}`).querySelector('input')!;

describe('My settings page', () => {
  it('saves quiet hours, a shorter list of lengths and a preference, and says the day was planned again', async () => {
    const api = mockApi({
      'GET /api/me/settings': current,
      'PUT /api/me/settings': (call: { body?: unknown }) => ({ status: 200, body: { ...current, settings: call.body } }),
    });
    renderWithApi(<MySettingsPage />);
    await screen.findByTestId('my-settings-form');
    expect(screen.getByText(/already keeps 12:00–13:00 free/)).toBeTruthy();

    fireEvent.change(input('quietStart'), { target: { value: '16:00' } });
    fireEvent.change(input('quietEnd'), { target: { value: '18:00' } });
    fireEvent.click(screen.getByRole('checkbox', { name: '5 minutes' }));
    fireEvent.click(screen.getByRole('radio', { name: /for the body/ }));
    fireEvent.click(screen.getByTestId('my-settings-save'));

    await screen.findByTestId('my-settings-saved');
    expect(screen.getByTestId('my-settings-saved').textContent).toContain('planned again');
    const [call] = api.callsTo('PUT', '/api/me/settings');
    expect(call!.body).toEqual({
      ...current.settings,
      lengths: [1, 3],
      quietStart: '16:00',
      quietEnd: '18:00',
      preferredFamily: 'behavioural',
    });
  });

  it('shows the service’s messages next to each field and keeps what was typed', async () => {
    mockApi({
      'GET /api/me/settings': current,
      'PUT /api/me/settings': {
        status: 400,
        body: { title: 'Some settings are not valid', status: 400, errors: { dailyCap: ['From 1 to 4 breaks a day.'], lengths: ['Choose one or more.'] } },
      },
    });
    renderWithApi(<MySettingsPage />);
    await screen.findByTestId('my-settings-form');
    fireEvent.change(input('dailyCap'), { target: { value: '9' } });
    fireEvent.click(screen.getByTestId('my-settings-save'));

    await screen.findByText('From 1 to 4 breaks a day.');
    expect(screen.getByText('Choose one or more.')).toBeTruthy();
    expect(input('dailyCap').value).toBe('9');
    await waitFor(() => expect(document.activeElement).toBe(input('dailyCap')));
  });

  it('turning breaks off greys out the rest and says what stops', async () => {
    const api = mockApi({
      'GET /api/me/settings': current,
      'PUT /api/me/settings': (call: { body?: unknown }) => ({ status: 200, body: { ...current, settings: call.body } }),
    });
    renderWithApi(<MySettingsPage />);
    await screen.findByTestId('my-settings-form');
    fireEvent.click(screen.getByRole('switch', { name: 'Suggest breaks to me' }));
    expect(input('dailyCap').matches(':disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('my-settings-save'));
    await screen.findByTestId('my-settings-saved');
    expect(screen.getByTestId('my-settings-saved').textContent).toContain('Breaks are off');
    expect((api.callsTo('PUT', '/api/me/settings')[0]!.body as { breaksOn: boolean }).breaksOn).toBe(false);
  });

  it('sharing check-ins with HR’s figures is off until switched on, and is saved at once', async () => {
    const api = mockApi({ 'GET /api/me/settings': current, 'PUT /api/me/report-sharing': { status: 204 } });
    renderWithApi(<MySettingsPage />);
    const sharing = await screen.findByRole('switch', { name: /check-ins change count in HR/ });
    expect((sharing as HTMLInputElement).checked).toBe(false);
    fireEvent.click(sharing);
    await screen.findByTestId('checkin-sharing-saved');
    expect(api.callsTo('PUT', '/api/me/report-sharing')[0]!.body).toEqual({ shareCheckIns: true });
    expect((sharing as HTMLInputElement).checked).toBe(true);
  });

  it('has no axe violations, and the nav marks it as the current page', async () => {
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Grace Hopper', roles: ['employee'] }));
    window.history.replaceState(null, '', '/settings');
    mockApi({
      'GET /api/me': { displayName: 'Grace Hopper', department: 'People', timeZone: 'UTC', roles: ['employee'] },
      'GET /api/me/settings': current,
    });
    render(<App connect={async () => null} />);
    await screen.findByTestId('my-settings-form');
    expect(screen.getByRole('link', { name: 'My settings' }).getAttribute('aria-current')).toBe('page');
    const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }, 30_000);
});
