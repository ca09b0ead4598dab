import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { History, Week } from '../api/types';
import { mockApi, problem } from '../test/fetchMock';
import { history, practices, week } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { WeekPage } from './WeekPage';
import { checkInSentences } from './words';

describe('My week', () => {
  it('shows the week’s totals, a bar per day with a table of the same numbers, and the check-in changes in words', async () => {
    const api = mockApi({ 'GET /api/me/week': week, 'GET /api/me/history': history, 'GET /api/practices': practices });
    renderWithApi(<WeekPage supportResources={null} />);

    expect((await screen.findByTestId('week-totals')).textContent).toBe(
      'This week: 12 breaks offered, 6 taken, 2 skipped, 3 missed; and 3 practices on your own.',
    );
    expect(screen.getAllByTestId('week-bar')).toHaveLength(7);
    expect(screen.getByTestId('week-chart').getAttribute('aria-hidden')).toBe('true');
    const table = screen.getByRole('table', { name: 'Breaks by day' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(8);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(rows[1]!)).toEqual(['3', '2', '1', '0', '0']);
    expect(cells(rows[2]!)).toEqual(['2', '0', '0', '2', '1']);

    const changes = within(screen.getByTestId('checkin-changes')).getAllByRole('listitem').map((li) => li.textContent);
    expect(changes).toEqual([
      'On average you felt 0.8 points kinder to yourself after a break (from 5 check-ins).',
      'On average you felt 1.3 points less self-critical after a break (from 4 check-ins).',
      'On average you felt about as tense after a break as before (from 4 check-ins).',
    ]);
    expect(screen.getByTestId('felt-worse-count').textContent).toContain('feel worse once this week');
    expect(api.callsTo('GET', '/api/me/week')[0]!.headers.Authorization).toBe('Bearer test-token');
  });

  it('names what tends to help by the practice’s title and the family that suits the person better', async () => {
    mockApi({ 'GET /api/me/week': week, 'GET /api/me/history': history, 'GET /api/practices': practices });
    renderWithApi(<WeekPage supportResources={null} />);
    const helps = await screen.findByTestId('tends-to-help');
    expect(helps.textContent).toContain('Kindness toward yourself');
    expect(helps.textContent).toContain('finished 3 of 4 times; check-ins 0.8 better on average');
    expect(helps.textContent).not.toContain('Stretch and move');
    expect(screen.getByTestId('better-family').textContent).toContain('quiet, reflective practices');
    expect(screen.queryByTestId('support-hint')).toBeNull();
  });

  it('with no history yet says so, and after "felt worse" points to the organisation’s support links', async () => {
    const quiet: Week = {
      ...week,
      checkIns: { selfKindness: null, selfKindnessCount: 0, selfCriticism: null, selfCriticismCount: 0, tension: null, tensionCount: 0 },
      feltWorse: 0,
    };
    const fresh: History = {
      summary: { practices: [], families: [], tendsToHelp: [], betterFamily: null, totalOffers: 1 },
      showSupportResources: true,
    };
    mockApi({ 'GET /api/me/week': quiet, 'GET /api/me/history': fresh, 'GET /api/practices': practices });
    renderWithApi(<WeekPage supportResources={[{ title: 'Employee assistance', url: 'https://eap.example.org' }]} />);
    await screen.findByTestId('tends-to-help-empty');
    expect(screen.getByTestId('checkin-none')).toBeTruthy();
    expect(screen.queryByTestId('felt-worse-count')).toBeNull();
    expect(screen.getByTestId('support-hint')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Employee assistance' }).getAttribute('href')).toBe('https://eap.example.org');
  });

  it('shows the service’s problem when the person is not set up yet', async () => {
    mockApi({
      'GET /api/me/week': problem(404, 'Not set up yet', 'Your calendar has not been read yet.'),
      'GET /api/me/history': history,
      'GET /api/practices': practices,
    });
    renderWithApi(<WeekPage supportResources={null} />);
    expect((await screen.findByTestId('problem')).textContent).toContain('Not set up yet');
    expect(screen.queryByTestId('week-chart')).toBeNull();
  });

  it('suggests ending meetings early, with a link to the Outlook setting, when most days ran back to back', async () => {
    mockApi({ 'GET /api/me/week': week, 'GET /api/me/history': history, 'GET /api/practices': practices });
    renderWithApi(<WeekPage supportResources={null} />);
    const advice = await screen.findByTestId('room-to-breathe');
    expect(within(advice).getByRole('heading', { name: 'Leave room to breathe' })).toBeTruthy();
    expect(advice.textContent).toContain('On 7 of your last 9 working days, your meetings ran back to back.');
    expect(advice.textContent).toContain('5 minutes early for meetings under an hour, 10 minutes for longer ones');
    const link = within(advice).getByRole('link', { name: 'Open Outlook’s setting to end meetings early' });
    expect(link.getAttribute('href')).toBe('https://outlook.office.com/mail/options/calendar/eventAndInvitations');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it('says nothing about ending meetings early when the days were not mostly back to back', async () => {
    const calm: Week = { ...week, roomToBreathe: { ...week.roomToBreathe, suggest: false, backToBackDays: 1 } };
    mockApi({ 'GET /api/me/week': calm, 'GET /api/me/history': history, 'GET /api/practices': practices });
    renderWithApi(<WeekPage supportResources={null} />);
    await screen.findByTestId('week-totals');
    expect(screen.queryByTestId('room-to-breathe')).toBeNull();
    expect(screen.queryByRole('link', { name: /end meetings early/ })).toBeNull();
  });

  it('words a worse change honestly', () => {
    expect(
      checkInSentences({ selfKindness: -1, selfKindnessCount: 1, selfCriticism: 0.5, selfCriticismCount: 2, tension: 0.25, tensionCount: 1 }),
    ).toEqual([
      'On average you felt 1 point less kind to yourself after a break (from 1 check-in).',
      'On average you felt 0.5 points more self-critical after a break (from 2 check-ins).',
      'On average you felt 0.3 points more tense after a break (from 1 check-in).',
    ]);
  });
});
