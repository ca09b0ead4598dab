import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '../test/fetchMock';
import { jobHealth, syncState, tenantSettings } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { AdminPage } from './AdminPage';

function adminApi(extra: Record<string, unknown> = {}) {
  return mockApi({
    'GET /api/admin/settings': tenantSettings,
    'GET /api/admin/sync': syncState,
    'GET /api/admin/jobs': jobHealth,
    ...extra,
  });
}


const field = (name: string) => screen.getByTestId(`field-${name}`).querySelector('input, textarea') as HTMLInputElement;

describe('Admin page', () => {
  it('loads and shows the settings', async () => {
    adminApi();
    renderWithApi(<AdminPage />);
    await screen.findByTestId('settings-form');

    expect(screen.getByRole('heading', { level: 1, name: 'Admin' })).toBeTruthy();
    for (const name of ['Nudges', 'Settings', 'Sync state', 'Background jobs', 'Danger zone'])
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();

    expect((screen.getByRole('switch', { name: 'Serve this organisation' }) as HTMLInputElement).checked).toBe(true);
    expect(field('minimumGroupSize').value).toBe('10');
    expect(field('retentionDays').value).toBe('90');
    expect(field('workStart').value).toBe('09:00');
    expect(field('workEnd').value).toBe('17:30');
    expect(field('dailyCap').value).toBe('4');
    expect(field('quietStart').value).toBe('12:00');
    expect(field('quietEnd').value).toBe('13:00');
    expect(field('groupsInScope').value).toBe('0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b');
    const row = screen.getAllByTestId('support-link-row')[0]!;
    expect((within(row).getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Employee assistance');
    expect(screen.getByTestId('field-minimumGroupSize').textContent).toContain('smallest group HR may see');
    expect(screen.getByTestId('rbac-guidance').textContent).toContain('Exchange RBAC for applications');

    // Sync counts.
    expect(within(await screen.findByTestId('sync-state')).getByTestId('sync-people').textContent).toContain('300');
    expect(screen.getByTestId('sync-neverSynced').textContent).toContain('2');
  });

  it('saves the settings with the exact JSON names, showing unsaved changes and then success', async () => {
    const api = adminApi({ 'PUT /api/admin/settings': (call: { body: unknown }) => call.body });
    renderWithApi(<AdminPage />);
    await screen.findByTestId('settings-form');
    expect(screen.queryByTestId('settings-dirty')).toBeNull();
    expect((screen.getByTestId('settings-save') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(field('dailyCap'), { target: { value: '6' } });
    fireEvent.change(field('quietStart'), { target: { value: '' } });
    fireEvent.change(field('quietEnd'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('add-support-link'));
    const rows = screen.getAllByTestId('support-link-row');
    fireEvent.change(within(rows[1]!).getByRole('textbox', { name: 'Title' }), { target: { value: 'Crisis line' } });
    fireEvent.change(within(rows[1]!).getByRole('textbox', { name: 'Address' }), { target: { value: 'https://crisis.example.org' } });
    expect(screen.getByTestId('settings-dirty').textContent).toBe('Unsaved changes');

    fireEvent.click(screen.getByTestId('settings-save'));
    await screen.findByTestId('settings-saved');
    expect(screen.queryByTestId('settings-dirty')).toBeNull();
    expect(api.callsTo('PUT', '/api/admin/settings')[0]!.body).toEqual({
      enabled: true,
      nudgesPaused: false,
      minimumGroupSize: 10,
      retentionDays: 90,
      workStart: '09:00',
      workEnd: '17:30',
      dailyCap: 6,
      quietStart: null,
      quietEnd: null,
      supportLinks: [
        { title: 'Employee assistance', url: 'https://eap.example.com' },
        { title: 'Crisis line', url: 'https://crisis.example.org' },
      ],
      groupsInScope: ['0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b'],
    });
  });

  it('shows the service’s validation messages next to their fields', async () => {
    adminApi({
      'PUT /api/admin/settings': json(400, {
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: {
          MinimumGroupSize: ['The minimum group size must be at least 5.'],
          '$.retentionDays': ['Retention must be between 7 and 730 days.'],
          'SupportLinks[0].Url': ['Support links must use https.'],
          tenant: ['This organisation is not set up yet.'],
        },
      }),
    });
    renderWithApi(<AdminPage />);
    await screen.findByTestId('settings-form');
    fireEvent.change(field('dailyCap'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('settings-save'));

    await waitFor(() => expect(screen.getByTestId('field-minimumGroupSize').textContent).toContain('at least 5.'));
    const minimum = field('minimumGroupSize');
    expect(minimum.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (minimum.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(describedBy.join(' ')).toContain('The minimum group size must be at least 5.');
    expect(screen.getByTestId('field-retentionDays').textContent).toContain('Retention must be between 7 and 730 days.');
    const row = screen.getAllByTestId('support-link-row')[0]!;
    expect(row.textContent).toContain('Support links must use https.');
    expect(within(row).getByRole('textbox', { name: 'Address' }).getAttribute('aria-invalid')).toBe('true');
    // A message for a field the form does not have is not lost.
    expect(screen.getByTestId('settings-errors').textContent).toContain('This organisation is not set up yet.');
    expect(screen.getByTestId('settings-dirty')).toBeTruthy();
    expect(document.activeElement).toBe(minimum);
    expect((screen.getByTestId('settings-save') as HTMLButtonElement).disabled).toBe(false);

    // Editing a field clears its message.
    fireEvent.change(minimum, { target: { value: '6' } });
    expect(screen.getByTestId('field-minimumGroupSize').textContent).not.toContain('must be at least 5');
  });

  it('checks obvious mistakes before asking the service', async () => {
    const api = adminApi();
    renderWithApi(<AdminPage />);
    await screen.findByTestId('settings-form');
    fireEvent.change(field('minimumGroupSize'), { target: { value: '3' } });
    fireEvent.change(field('groupsInScope'), { target: { value: 'not-a-group' } });
    fireEvent.click(screen.getByTestId('settings-save'));
    expect(screen.getByTestId('field-minimumGroupSize').textContent).toContain('5 or more');
    expect(screen.getByTestId('field-groupsInScope').textContent).toContain('Line 1 is not a group ID');
    expect(api.callsTo('PUT', '/api/admin/settings')).toHaveLength(0);
  });

  it('asks before pausing every nudge, then calls the kill switch', async () => {
    const api = adminApi({ 'POST /api/admin/kill-switch': (call: { body: unknown }) => call.body });
    renderWithApi(<AdminPage />);
    const toggle = (await screen.findByRole('switch', { name: 'Pause all break nudges for this organisation' })) as HTMLInputElement;
    expect(screen.getByTestId('nudges-state').textContent).toContain('Break nudges are on');

    // Cancelling changes nothing.
    fireEvent.click(toggle);
    fireEvent.click(within(await screen.findByTestId('kill-switch-dialog')).getByTestId('kill-switch-cancel'));
    await waitFor(() => expect(screen.queryByTestId('kill-switch-dialog')).toBeNull());
    expect(api.callsTo('POST', '/api/admin/kill-switch')).toHaveLength(0);
    expect(toggle.checked).toBe(false);

    fireEvent.click(toggle);
    const dialog = await screen.findByTestId('kill-switch-dialog');
    expect(dialog.textContent).toContain('Pause break nudges for everyone?');
    fireEvent.click(within(dialog).getByTestId('kill-switch-confirm'));
    await waitFor(() => expect(screen.getByTestId('nudges-state').dataset.paused).toBe('true'));
    expect(screen.getByTestId('nudges-state').textContent).toContain('Break nudges are paused');
    expect(api.callsTo('POST', '/api/admin/kill-switch').map((c) => c.body)).toEqual([{ paused: true }]);
    expect(toggle.checked).toBe(true);

    // Resuming needs no confirmation.
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByTestId('nudges-state').dataset.paused).toBe('false'));
    expect(api.callsTo('POST', '/api/admin/kill-switch').map((c) => c.body)).toEqual([{ paused: true }, { paused: false }]);
  });

  it('shows a kill-switch failure as a problem', async () => {
    adminApi({ 'POST /api/admin/kill-switch': problem(503, 'The service is busy', 'Please try again in a moment.') });
    renderWithApi(<AdminPage />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Pause all break nudges for this organisation' }));
    fireEvent.click(within(await screen.findByTestId('kill-switch-dialog')).getByTestId('kill-switch-confirm'));
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Please try again in a moment.');
    expect(screen.getByTestId('nudges-state').dataset.paused).toBe('false');
  });

  it('warns about a failing job by its exception type', async () => {
    adminApi();
    renderWithApi(<AdminPage />);
    const table = await screen.findByTestId('job-table');
    const rows = within(table).getAllByTestId('job-row');
    expect(rows.map((r) => r.dataset.job)).toEqual(['calendar-sync', 'offer-delivery', 'retention']);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Calendar sync', 'Break delivery', 'Data retention']);
    const failing = rows[0]!;
    expect(failing.dataset.failing).toBe('true');
    expect(within(failing).getByTestId('job-failed-badge').textContent).toBe('3 failed');
    expect(failing.textContent).toContain('1 retrying');
    expect(failing.textContent).toContain('ODataError');
    expect(within(rows[1]!).queryByTestId('job-failed-badge')).toBeNull();
    expect(screen.getByTestId('open-jobs-dashboard')).toBeTruthy();
  });

  it('removes the organisation only after the tenant id is typed', async () => {
    const api = adminApi({ 'DELETE /api/admin/tenant': { status: 204 } });
    renderWithApi(<AdminPage />);
    fireEvent.click(await screen.findByTestId('remove-tenant'));
    const dialog = await screen.findByTestId('remove-tenant-dialog');
    expect(dialog.textContent).toContain('cannot be undone');
    const submit = within(dialog).getByTestId('remove-tenant-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('remove-tenant-confirm'), { target: { value: ' 9a8b7c6d-0000-4000-8000-123456789abc ' } });
    fireEvent.click(submit);
    await screen.findByTestId('tenant-removed');
    expect(api.callsTo('DELETE', '/api/admin/tenant').map((c) => c.body)).toEqual([{ confirm: '9a8b7c6d-0000-4000-8000-123456789abc' }]);
  });

  it('shows a failed settings load as a problem with a retry', async () => {
    adminApi({ 'GET /api/admin/settings': problem(403, 'Admins only', 'The admin role is required.') });
    renderWithApi(<AdminPage />);
    const bars = await screen.findAllByTestId('problem');
    expect(bars[0]!.textContent).toContain('The admin role is required.');
    expect(within(bars[0]!).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

