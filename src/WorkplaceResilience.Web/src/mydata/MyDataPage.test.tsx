import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { SESSION_KEY } from '../auth/session';
import { mockApi, problem } from '../test/fetchMock';
import { renderWithApi } from '../test/render';
import { summary } from '../test/fixtures';
import { EXPORT_FILE_NAME, MyDataPage } from './MyDataPage';

const exported = {
  exportedAt: '2025-03-03T09:00:00Z',
  notes: ['This file holds everything Workplace Resilience stores about you.'],
  person: { department: 'People', timeZone: 'UTC' },
  calendarBlocks: [],
  breakOffers: [],
  practiceSessions: [{ practiceId: 'soothing-touch', before: { selfKindness: 2, selfCriticism: 4, tension: 5 } }],
};

const { createObjectURL, revokeObjectURL } = URL;

describe('My data page', () => {
  let saved: { href: string; download: string; blob: Blob | null }[];

  beforeEach(() => {
    saved = [];
    let lastBlob: Blob | null = null;
    // jsdom has no object URLs.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      lastBlob = blob;
      return 'blob:my-data';
    });
    URL.revokeObjectURL = vi.fn();
    // jsdom does not navigate; record what the browser would have saved.
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download, blob: lastBlob });
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  it('says in plain words what is kept and what never is', () => {
    mockApi({});
    renderWithApi(<MyDataPage />);
    expect(screen.getByRole('heading', { level: 1, name: 'My data' })).toBeTruthy();
    for (const name of ['What the app keeps about you', 'What the app never keeps', 'Get a copy', 'Delete my data'])
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    expect(screen.getByTestId('never-list').textContent).toContain('Meeting titles, descriptions, locations, attendees');
  });

  it('downloads the export with the bearer token and saves it as a file', async () => {
    const api = mockApi({ 'GET /api/me/data': exported });
    renderWithApi(<MyDataPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    await screen.findByTestId('mydata-downloaded');

    const [call] = api.callsTo('GET', '/api/me/data');
    expect(call!.headers.Authorization).toBe('Bearer test-token');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.download).toBe(EXPORT_FILE_NAME);
    expect(saved[0]!.href).toBe('blob:my-data');
    const text = await saved[0]!.blob!.text();
    expect(JSON.parse(text).practiceSessions[0].before.tension).toBe(5);
    expect(document.querySelector('a[download]')).toBeNull(); // the temporary link is gone
  });

  it('shows the problem when the download fails', async () => {
    mockApi({ 'GET /api/me/data': problem(429, 'Too many requests', 'Try again in a minute.') });
    renderWithApi(<MyDataPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    expect((await screen.findByTestId('problem')).textContent).toContain('Try again in a minute.');
    expect(saved).toHaveLength(0);
  });

  it('deletes only after the confirmation in the dialog, then says it is done', async () => {
    const api = mockApi({ 'DELETE /api/me/data': { status: 204 } });
    renderWithApi(<MyDataPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete my data…' }));
    await screen.findByTestId('mydata-delete-dialog');
    fireEvent.click(screen.getByRole('button', { name: 'Keep my data' }));
    await waitFor(() => expect(screen.queryByTestId('mydata-delete-dialog')).toBeNull());
    expect(api.callsTo('DELETE', '/api/me/data')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete my data…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, delete all my data' }));
    await screen.findByTestId('mydata-deleted');
    const [call] = api.callsTo('DELETE', '/api/me/data');
    expect(call!.body).toEqual({ confirm: 'delete' });
    expect(call!.headers.Authorization).toBe('Bearer test-token');
    expect(screen.queryByRole('button', { name: 'Delete my data…' })).toBeNull();
  });

  it('keeps the dialog open with the problem when the delete fails', async () => {
    mockApi({ 'DELETE /api/me/data': problem(503, 'Service unavailable', 'Please try again shortly.') });
    renderWithApi(<MyDataPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete my data…' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, delete all my data' }));
    expect((await screen.findByTestId('problem')).textContent).toContain('Please try again shortly.');
    expect(screen.getByTestId('mydata-delete-dialog')).toBeTruthy();
    expect(screen.queryByTestId('mydata-deleted')).toBeNull();
  });

  it('is reached from the header for every employee and has no serious axe violations, dialog open or not', async () => {
    window.sessionStorage.setItem(SESSION_KEY, JSON.stringify({ mode: 'demo', accessToken: 't', displayName: 'Grace Hopper', roles: ['employee'] }));
    window.history.replaceState(null, '', '/my-data');
    mockApi({ 'GET /api/me': { displayName: 'Grace Hopper', department: 'People', timeZone: 'UTC', roles: ['employee'] } });
    render(<App connect={async () => null} />);
    const link = await screen.findByRole('link', { name: 'My data' });
    expect(link.getAttribute('aria-current')).toBe('page');
    await screen.findByRole('heading', { level: 1, name: 'My data' });
    expect(await seriousViolations()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete my data…' }));
    await screen.findByTestId('mydata-delete-dialog');
    expect(await seriousViolations()).toEqual([]);
  }, 30_000);

  it('shows exactly what was released to HR about the person’s groups, on request', async () => {
    const api = mockApi({ 'GET /api/me/reports': summary });
    renderWithApi(<MyDataPage />);
    expect(api.callsTo('GET', '/api/me/reports')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('released-show'));
    const table = await screen.findByRole('table', { name: 'Released to HR about your groups' });
    expect(table).toBeTruthy();
    expect(api.callsTo('GET', '/api/me/reports')).toHaveLength(1);
  });
});

async function seriousViolations(): Promise<string[]> {
  // jsdom has no layout or computed colours: contrast is checked in the browser instead.
  const result = await axe.run(document.body, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
