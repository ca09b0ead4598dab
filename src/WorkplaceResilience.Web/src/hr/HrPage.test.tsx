import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '../test/fetchMock';
import { summary } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { HrPage } from './HrPage';

describe('HR dashboard', () => {
  it('shows departments, and suppressed cells as "fewer than k" with the minimum group size explained', async () => {
    mockApi({ 'GET /api/reports/summary': summary });
    renderWithApi(<HrPage />);

    const table = await screen.findByTestId('hr-table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2 departments
    const headers = within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Department',
      'People active',
      'Breaks offered',
      'Accepted',
      'Completed',
      'Acceptance rate',
      'Meeting hours per day (average)',
    ]);

    const engineering = rows.find((r) => r.textContent?.includes('Engineering'))!;
    const cells = within(engineering).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['42', '120', '50', '40', '42%', '5.1']);

    const legal = rows.find((r) => r.textContent?.includes('Legal'))!;
    const legalCells = within(legal).getAllByRole('cell').map((c) => c.textContent);
    expect(legalCells).toEqual(Array(6).fill('fewer than 10'));
    expect(legal.dataset.suppressed).toBe('true');

    expect(screen.getByTestId('hr-min-group').textContent).toContain('at least 10 people');
    expect(screen.getByText('No individual is ever shown')).toBeTruthy();
    expect(screen.getByTestId('hr-period').textContent).toMatch(/2026/);
  });

  it('marks a withheld cell in a released group as "not shown"', async () => {
    mockApi({
      'GET /api/reports/summary': {
        ...summary,
        minimumGroupSize: 12,
        groups: [{ ...summary.groups[0]!, acceptanceRate: null }],
      },
    });
    renderWithApi(<HrPage />);
    const table = await screen.findByTestId('hr-table');
    expect(within(table).getByText('not shown')).toBeTruthy();
    expect(screen.getByTestId('hr-min-group').textContent).toContain('fewer than 12');
  });

  it('shows a 403 ProblemDetails', async () => {
    mockApi({ 'GET /api/reports/summary': problem(403, 'Forbidden', 'The HR role is required.') });
    renderWithApi(<HrPage />);
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Forbidden');
    expect(bar.textContent).toContain('The HR role is required.');
  });
});
