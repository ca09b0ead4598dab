import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TodayPage } from '../today/TodayPage';
import { mockApi, problem } from '../test/fetchMock';
import { practices, today } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { pickVersion } from './pickVersion';

function answer(container: HTMLElement, label: RegExp, value: number) {
  const group = within(container).getByRole('radiogroup', { name: label });
  fireEvent.click(within(group).getByRole('radio', { name: String(value) }));
}

const stepText = () => screen.getByTestId('practice-step').textContent;
const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('practice player', () => {
  it('picks the longest version that fits the offer', () => {
    const p = practices[0]!;
    expect(pickVersion(p, 3)?.lengthMinutes).toBe(3);
    expect(pickVersion(p, 4)?.lengthMinutes).toBe(3);
    expect(pickVersion(p, 5)?.lengthMinutes).toBe(5);
    expect(pickVersion(p, 0)?.lengthMinutes).toBe(1);
  });

  it('runs an offer: start → timed steps (countdown, pause, next) → check-in after → complete', async () => {
    const completed = { ...today.offers[0], status: 'completed' };
    const api = mockApi({
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'POST /api/offers/offer-1/start': { ...today.offers[0], status: 'started' },
      'POST /api/offers/offer-1/complete': completed,
    });
    // The step clock (setInterval + Date.now) is fake from here on; promises and DOM observers stay real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    renderWithApi(<TodayPage supportResources={null} />);

    const card = (await screen.findAllByTestId('offer-card')).find((c) => c.textContent?.includes('11:00'))!;
    await waitFor(() => expect(within(card).getByTestId('offer-start')).toHaveProperty('disabled', false));
    fireEvent.click(within(card).getByTestId('offer-start'));
    const player = await screen.findByTestId('practice-player');
    expect(api.callsTo('POST', '/api/offers/offer-1/start')).toHaveLength(1);
    expect(player.textContent).toContain('3-minute break');
    await waitFor(() => expect(document.activeElement?.id).toBe('practice-title'), { timeout: 5000 });

    // The check-in before comes first, and nothing counts down while it is open — however long the person takes.
    const before = screen.getByTestId('checkin-before');
    expect(screen.queryByTestId('practice-step')).toBeNull();
    answer(before, /kind to myself/, 2);
    advance(120_000);
    expect(screen.getByTestId('checkin-before')).toBeTruthy();
    answer(before, /hard on myself/, 4);
    answer(before, /tense/, 5);
    fireEvent.click(screen.getByTestId('practice-begin'));
    expect(screen.queryByTestId('checkin-before')).toBeNull();

    // The first step starts only now (3-minute version: 30 + 45 + 60 + 45 s).
    expect(screen.getByTestId('practice-countdown').textContent).toBe('0:30');
    expect(stepText()).toBe('Sit comfortably. Let your breath find its own pace.');
    advance(5_000);
    expect(screen.getByTestId('practice-countdown').textContent).toBe('0:25');
    advance(25_500);
    expect(stepText()).toContain('want to feel safe');
    expect(screen.getByTestId('practice-live').textContent).toMatch(/^Step 2 of 4/);

    // Pause holds the clock still.
    fireEvent.click(screen.getByTestId('practice-pause'));
    advance(120_000);
    expect(stepText()).toContain('want to feel safe');
    fireEvent.click(screen.getByTestId('practice-resume'));

    fireEvent.click(screen.getByTestId('practice-next'));
    expect(stepText()).toContain('may I be safe, may I be at ease');
    advance(60_500);
    expect(stepText()).toBe('Rest with whatever is here.');
    advance(45_500);

    const after = screen.getByTestId('checkin-after');
    vi.useRealTimers();
    answer(after, /kind to myself/, 4);
    answer(after, /hard on myself/, 2);
    answer(after, /tense/, 2);
    fireEvent.click(screen.getByTestId('practice-finish'));

    await screen.findByTestId('practice-done');
    const [call] = api.callsTo('POST', '/api/offers/offer-1/complete');
    expect(call!.body).toEqual({
      before: { selfKindness: 2, selfCriticism: 4, tension: 5 },
      after: { selfKindness: 4, selfCriticism: 2, tension: 2 },
      feltWorse: false,
    });

    fireEvent.click(screen.getByTestId('practice-close'));
    const done = (await screen.findAllByTestId('offer-card')).find((c) => c.textContent?.includes('11:00'))!;
    expect(done.dataset.status).toBe('completed');
  });

  it('sends "This made me feel worse" and shows the practice’s note and the organisation’s support links', async () => {
    const api = mockApi({
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'POST /api/offers/offer-1/start': { ...today.offers[0], status: 'started' },
      'POST /api/offers/offer-1/complete': { ...today.offers[0], status: 'completed' },
    });
    const eap = { title: 'Employee Assistance (24/7)', url: 'https://eap.example.org/' };
    renderWithApi(<TodayPage supportResources={[eap]} />);
    const card = (await screen.findAllByTestId('offer-card')).find((c) => c.textContent?.includes('11:00'))!;
    await waitFor(() => expect(within(card).getByTestId('offer-start')).toHaveProperty('disabled', false));
    fireEvent.click(within(card).getByTestId('offer-start'));
    await screen.findByTestId('practice-player');
    fireEvent.click(screen.getByTestId('checkin-skip'));
    expect(screen.queryByTestId('checkin-before')).toBeNull();
    expect(screen.getByTestId('practice-step').textContent).toContain('Sit comfortably');
    await waitFor(() => expect(screen.getByTestId('practice-live').textContent).toMatch(/^Step 1 of 4/));
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByTestId('practice-next'));

    const worse = within(screen.getByTestId('checkin-after')).getByRole('button', { name: /This made me feel worse/ });
    expect(worse.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(worse);
    expect(worse.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText(/If warm words feel hard right now/)).toBeTruthy();
    const link = within(screen.getByTestId('checkin-after')).getByRole('link', { name: eap.title });
    expect(link.getAttribute('href')).toBe(eap.url);
    fireEvent.click(screen.getByTestId('practice-finish'));

    await screen.findByTestId('practice-done');
    expect(api.callsTo('POST', '/api/offers/offer-1/complete')[0]!.body).toEqual({
      before: null,
      after: null,
      feltWorse: true,
    });
  });

  it('"Practice now" runs a 1-minute practice and records a session; a failed save keeps the answers', async () => {
    let fail = true;
    const api = mockApi({
      'GET /api/me/today': today,
      'GET /api/practices': practices,
      'POST /api/practice-sessions': () =>
        fail ? problem(500, 'Could not save your practice', 'Please try again.') : { status: 201, body: { id: 's1' } },
    });
    renderWithApi(<TodayPage supportResources={null} />);
    await waitFor(() => expect(screen.getByTestId('practice-now')).toHaveProperty('disabled', false));
    fireEvent.change(screen.getByLabelText('Practice'), { target: { value: 'stretch-and-move' } });
    fireEvent.click(screen.getByTestId('practice-now'));

    const player = await screen.findByTestId('practice-player');
    expect(player.textContent).toContain('Stretch and move');
    expect(player.textContent).toContain('Practice now');

    // a half-answered check-in is not sent silently
    answer(player, /kind to myself/, 3);
    fireEvent.click(screen.getByTestId('practice-begin'));
    expect(screen.getByRole('alert').textContent).toContain('answer all three');
    answer(player, /hard on myself/, 3);
    answer(player, /tense/, 3);
    fireEvent.click(screen.getByTestId('practice-begin'));
    expect(screen.queryByTestId('checkin-before')).toBeNull();
    expect(stepText()).toBe('Stand up and stretch your arms.');
    fireEvent.click(screen.getByTestId('practice-next'));

    fireEvent.click(screen.getByTestId('practice-finish'));
    const bar = await screen.findByTestId('problem');
    expect(bar.textContent).toContain('Could not save your practice');
    expect(screen.queryByTestId('practice-done')).toBeNull();

    fail = false;
    fireEvent.click(screen.getByTestId('practice-finish'));
    await screen.findByTestId('practice-done');
    const calls = api.callsTo('POST', '/api/practice-sessions');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.body).toEqual({
      practiceId: 'stretch-and-move',
      lengthMinutes: 1,
      before: { selfKindness: 3, selfCriticism: 3, tension: 3 },
      after: null,
      feltWorse: false,
    });
  });
});
