import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Today } from '../api/types';
import { mockApi, problem } from '../test/fetchMock';
import { practices, today } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { TodayPage } from './TodayPage';

const LINKED = '3f2b8c1e-9d4a-4e6b-8a7c-1b2d3e4f5a6b';
/** Today with one offer given a real (GUID) id, as a notification's link carries it. */
const withLinked = (id: string, status?: Today['offers'][number]['status']): Today => ({
  ...today,
  offers: today.offers.map((o) => (o.id === id ? { ...o, id: LINKED, status: status ?? o.status } : o)),
});

const withSecretTitles: Today = {
  ...today,
  // Even if a title ever leaked into the payload, the timeline must not show it.
  blocks: today.blocks.map((b) => ({ ...b, subject: 'Secret merger talks', title: 'Secret merger talks' })),
};

describe('Today timeline', () => {
  it('draws time blocks by kind and time only, never a meeting title, with the offers between them', async () => {
    const api = mockApi({ 'GET /api/me/today': withSecretTitles, 'GET /api/practices': practices });
    renderWithApi(<TodayPage supportResources={null} />);

    const blocks = await screen.findAllByTestId('time-block');
    // the all-day block + busy, busy, tentative, oof; the short "free" block is not drawn
    expect(blocks.map((b) => b.querySelector('span')?.textContent)).toEqual([
      'Free · all day',
      'Busy 09:00–10:30',
      'Busy 10:30–11:00',
      'Tentative 11:05–12:00',
      'Out of office 14:00–15:00',
    ]);
    expect(blocks[1]).toHaveProperty('dataset.showAs', 'busy');
    expect(screen.queryByText(/Secret merger/)).toBeNull();
    expect(document.body.textContent).not.toContain('Secret merger');

    const cards = screen.getAllByTestId('offer-card');
    expect(cards).toHaveLength(3);
    const first = cards.find((c) => c.textContent?.includes('3-minute break at 11:00'))!;
    expect(first.textContent).toContain('After 2 h of back-to-back meetings');
    expect(first.textContent).toContain('Kindness toward yourself');
    const second = cards.find((c) => c.textContent?.includes('5-minute break at 12:30'))!;
    expect(second.textContent).toContain('Between meetings');
    // the delivered offer can be started; the planned one only says from when (and can be skipped); the expired one neither
    expect(screen.getAllByTestId('offer-start')).toHaveLength(1);
    expect(within(first).getByTestId('offer-start')).toBeTruthy();
    expect(within(second).queryByTestId('offer-start')).toBeNull();
    expect(within(second).getByTestId('offer-opens').textContent).toContain('You can start it from 12:28');
    expect(screen.getAllByTestId('offer-skip')).toHaveLength(2);

    // in time order: the 11:00 break sits between the 10:30–11:00 and 11:05 blocks
    const items = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    const texts = items.map((li) => li.textContent ?? '');
    const at = (s: string) => texts.findIndex((t) => t.includes(s));
    expect(at('Busy 10:30–11:00')).toBeLessThan(at('3-minute break at 11:00'));
    expect(at('3-minute break at 11:00')).toBeLessThan(at('Tentative 11:05–12:00'));

    expect(screen.getByTestId('today-sub').textContent).toContain('working hours 09:00–17:30');
    expect(screen.getByText('This is not therapy')).toBeTruthy();
    expect(api.callsTo('GET', '/api/me/today')[0]!.headers.Authorization).toBe('Bearer test-token');
  });

  it('shows times in the person’s zone even when the API sends UTC instants', async () => {
    const utc: Today = {
      ...today,
      blocks: [{ start: '2026-11-23T17:00:00Z', end: '2026-11-23T18:30:00Z', showAs: 'busy', isAllDay: false }],
      offers: [],
    };
    mockApi({ 'GET /api/me/today': utc, 'GET /api/practices': practices });
    renderWithApi(<TodayPage supportResources={null} />);
    const [block] = await screen.findAllByTestId('time-block');
    expect(block!.textContent).toContain('Busy 09:00–10:30');
    expect(screen.getByText(/No breaks are planned for today/)).toBeTruthy();
  });

  it('skips an offer and shows its new status', async () => {
    const api = mockApi({
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'POST /api/offers/offer-2/skip': { ...today.offers[1], status: 'skipped' },
    });
    renderWithApi(<TodayPage supportResources={null} />);
    const card = (await screen.findAllByTestId('offer-card')).find((c) => c.textContent?.includes('12:30'))!;
    fireEvent.click(within(card).getByRole('button', { name: /Skip/ }));
    await waitFor(() => expect(card.dataset.status).toBe('skipped'));
    expect(within(card).queryByTestId('offer-start')).toBeNull();
    expect(api.callsTo('POST', '/api/offers/offer-2/skip')).toHaveLength(1);
  });

  it('reads the day again every minute, so a break that opens meanwhile gets its Start button', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const opened: Today = { ...today, offers: today.offers.map((o) => (o.id === 'offer-2' ? { ...o, startable: true } : o)) };
      const api = mockApi({ 'GET /api/me/today': today, 'GET /api/practices': practices });
      renderWithApi(<TodayPage supportResources={null} />);
      const card = (await screen.findAllByTestId('offer-card')).find((c) => c.textContent?.includes('12:30'))!;
      expect(within(card).queryByTestId('offer-start')).toBeNull();
      const later = mockApi({ 'GET /api/me/today': opened, 'GET /api/practices': practices });
      await vi.advanceTimersByTimeAsync(60_000);
      const refreshed = (await screen.findAllByTestId('offer-card')).find((c) => c.textContent?.includes('12:30'))!;
      await waitFor(() => expect(within(refreshed).getByTestId('offer-start')).toBeTruthy());
      // the refresh happens in the background: no loading spinner in between
      expect(screen.queryByText('Loading your day…')).toBeNull();
      expect(api.callsTo('GET', '/api/me/today')).toHaveLength(1);
      expect(later.callsTo('GET', '/api/me/today')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a ProblemDetails title and detail in a message bar', async () => {
    mockApi({
      'GET /api/me/today': problem(503, 'Calendar temporarily unavailable', 'Microsoft Graph asked us to slow down.'),
      'GET /api/practices': practices,
    });
    renderWithApi(<TodayPage supportResources={null} />);
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Calendar temporarily unavailable');
    expect(bar.textContent).toContain('Microsoft Graph asked us to slow down.');
    expect(within(bar).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('lists the tenant’s support resources when the profile carries them', async () => {
    mockApi({ 'GET /api/me/today': today, 'GET /api/practices': practices });
    renderWithApi(<TodayPage supportResources={[{ title: 'Employee Assistance Programme', url: 'https://eap.example' }]} />);
    const link = await screen.findByRole('link', { name: 'Employee Assistance Programme' });
    expect(link.getAttribute('href')).toBe('https://eap.example');
  });
  it('says when breaks are off or paused, with a way to change it', async () => {
    mockApi({ 'GET /api/me/today': { ...today, offers: [], breaksOn: false }, 'GET /api/practices': practices });
    renderWithApi(<TodayPage supportResources={null} />);
    const notice = await screen.findByTestId('breaks-off-notice');
    expect(notice.textContent).toContain('turned break suggestions off');
    expect(within(notice).getByRole('link', { name: 'Change this in My settings' }).getAttribute('href')).toBe('/settings');
  });

  describe('opened from a notification', () => {
    it('scrolls to the linked offer, focuses it and marks it, with no message while it is still open', async () => {
      const scrolled = vi.fn();
      Element.prototype.scrollIntoView = scrolled;
      mockApi({ 'GET /api/me/today': withLinked('offer-2'), 'GET /api/practices': practices });
      renderWithApi(<TodayPage supportResources={null} focusOfferId={LINKED} />);
      await waitFor(() => expect(document.activeElement?.getAttribute('data-testid')).toBe('offer-card'));
      const card = document.activeElement as HTMLElement;
      expect(card.textContent).toContain('5-minute break at 12:30');
      expect(card.textContent).toContain('From your notification');
      expect(card.dataset.highlighted).toBe('true');
      expect(scrolled).toHaveBeenCalledTimes(1);
      expect(scrolled.mock.contexts[0]).toBe(card);
      // only the linked card is marked, and no message is needed
      expect(screen.getAllByTestId('offer-from-notification')).toHaveLength(1);
      expect(screen.queryByTestId('linked-offer-notice')).toBeNull();
      delete (Element.prototype as Partial<Element>).scrollIntoView;
    });

    it('says clearly when the linked break has passed, and still shows it', async () => {
      mockApi({ 'GET /api/me/today': withLinked('offer-1', 'expired'), 'GET /api/practices': practices });
      renderWithApi(<TodayPage supportResources={null} focusOfferId={LINKED} />);
      const notice = await screen.findByTestId('linked-offer-notice');
      expect(notice.textContent).toBe('The break from your notification, at 11:00, has passed. You can still take a short practice now.');
      await waitFor(() => expect(document.activeElement?.getAttribute('data-status')).toBe('expired'));
      expect(within(document.activeElement as HTMLElement).queryByTestId('offer-start')).toBeNull();
    });

    it('says when the linked break was already taken or skipped', async () => {
      mockApi({ 'GET /api/me/today': withLinked('offer-1', 'completed'), 'GET /api/practices': practices });
      renderWithApi(<TodayPage supportResources={null} focusOfferId={LINKED} />);
      expect((await screen.findByTestId('linked-offer-notice')).textContent).toBe(
        'You have already taken the break from your notification, at 11:00.',
      );
    });

    it('says when the linked break is no longer on today’s plan', async () => {
      mockApi({ 'GET /api/me/today': today, 'GET /api/practices': practices });
      renderWithApi(<TodayPage supportResources={null} focusOfferId={LINKED} />);
      expect((await screen.findByTestId('linked-offer-notice')).textContent).toContain(
        'no longer planned for today: its time has passed or your calendar changed',
      );
      expect(screen.queryByTestId('offer-from-notification')).toBeNull();
    });

    it('moves focus to the offer once, not again when the day is read again', async () => {
      vi.useFakeTimers({ shouldAdvanceTime: true });
      mockApi({ 'GET /api/me/today': withLinked('offer-2'), 'GET /api/practices': practices });
      renderWithApi(<TodayPage supportResources={null} focusOfferId={LINKED} />);
      await waitFor(() => expect(document.activeElement?.getAttribute('data-highlighted')).toBe('true'));
      const skip = screen.getAllByTestId('offer-skip')[0]!;
      skip.focus();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(document.activeElement).toBe(skip);
    });
  });
});
