import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../test/fetchMock';
import { summary } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { HrPage } from './HrPage';

describe('HR dashboard', () => {
  it('shows the latest released week for every group, hidden cells with their reason, and explains each metric', async () => {
    mockApi({ 'GET /api/reports/summary': summary });
    renderWithApi(<HrPage />);

    const table = await screen.findByTestId('hr-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4); // header + 3 departments
    const legal = rows.find((r) => r.textContent?.includes('Legal'))!;
    expect(legal.dataset.hidden).toBe('true');
    expect(within(legal).getAllByRole('cell').map((c) => c.textContent)).toEqual(Array(15).fill('fewer than 10 people'));
    const sales = rows.find((r) => r.textContent?.includes('Sales'))!;
    expect(within(sales).getAllByRole('cell').map((c) => c.textContent).slice(0, 8)).toEqual([
      '18', '80%', '55%', 'would reveal a band', 'would reveal a band', '50', 'fewer than 10 people behind it', 'over 90%',
    ]);

    expect(screen.getByTestId('hr-period').textContent).toContain('2026-W46 to 2026-W47');
    expect(screen.getByTestId('hr-min-group').textContent).toContain('at least 10 people');
    const hidden = screen.getByTestId('hr-hidden').textContent!;
    expect(hidden).toContain('“fewer than 10 people” (1 in 2026-W47)');
    expect(hidden).toContain('“would reveal a band” (2 in 2026-W47)');
    expect(hidden).toContain('about ±2.8 on head counts');
    expect(hidden).toContain('at most 15 offers or practices a week');
    const terms = within(screen.getByTestId('hr-metrics')).getAllByRole('term');
    expect(terms).toHaveLength(15);
    // Each figure's typical error beside its explanation: the median over the groups shown.
    const meanings = screen.getByTestId('hr-metrics').textContent ?? '';
    expect(meanings).toContain('Break offers that reached people. Typical error in 2026-W47: ±42.');
    expect(meanings).toContain('Typical error in 2026-W47: ±35 points.');
    expect(meanings).toContain('Typical error in 2026-W47: ±2.7 h.');
    expect(screen.getByText('No individual is ever shown')).toBeTruthy();
  });

  it('shows why breaks were skipped, by the reason people gave, with hidden counts saying why', async () => {
    mockApi({ 'GET /api/reports/summary': summary });
    renderWithApi(<HrPage />);
    const table = await screen.findByTestId('hr-breakdown-skipReasons');
    const header = within(table).getAllByRole('columnheader').map((c) => c.textContent);
    expect(header).toEqual(['Department', 'Too busy', 'Not now', 'Not helpful', 'Other', 'No reason given']);
    const sales = within(table).getAllByRole('row').find((r) => r.textContent?.includes('Sales'))!;
    const cells = within(sales).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[0]).toBe('12');
    expect(cells[4]).toBe('hidden to protect another group');
  });

  it('asks for another grouping when the person picks it', async () => {
    const api = mockApi({ 'GET /api/reports/summary': summary });
    renderWithApi(<HrPage />);
    await screen.findByTestId('hr-table');
    await userEvent.click(screen.getByRole('radio', { name: 'Office' }));
    await waitFor(() => expect(api.callsTo('GET', '/api/reports/summary')).toHaveLength(2));
    expect(api.callsTo('GET', '/api/reports/summary')[1]!.search).toContain('grouping=office');
  });

  it('says when no week has been released yet', async () => {
    mockApi({ 'GET /api/reports/summary': { ...summary, weeks: [], groups: [] } });
    renderWithApi(<HrPage />);
    expect((await screen.findByTestId('hr-empty')).textContent).toContain('No week has been released yet');
  });

  it('shows a 403 ProblemDetails', async () => {
    mockApi({ 'GET /api/reports/summary': problem(403, 'Forbidden', 'The HR role is required.') });
    renderWithApi(<HrPage />);
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Forbidden');
    expect(bar.textContent).toContain('The HR role is required.');
  });
});
