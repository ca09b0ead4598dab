import { describe, expect, it, vi } from 'vitest';
import { fakeOffice, INVALID_END_TIME } from '../test/fakeOffice';
import { ACTIONS, NOTIFICATION_KEY, leaveRoomToBreathe, planChange, registerActions, slotBoundary, type ActionId } from './roomToBreathe';

/** A local time on 23 November 2026. */
const at = (h: number, m: number) => new Date(2026, 10, 23, h, m);

async function run(action: ActionId, meeting: { start: Date; end: Date }, prepare?: (fake: ReturnType<typeof fakeOffice>) => void) {
  const fake = fakeOffice(meeting);
  prepare?.(fake);
  const event = fake.event(action);
  await leaveRoomToBreathe(fake.office, action, event);
  await event.whenCompleted;
  return { fake, event, note: fake.notifications.get(NOTIFICATION_KEY) };
}

describe('what each action does to a meeting', () => {
  it('finds the quarter-hour a meeting ends by', () => {
    expect(slotBoundary(at(11, 0))).toEqual(at(11, 0));
    expect(slotBoundary(at(10, 55))).toEqual(at(11, 0));
    expect(slotBoundary(at(10, 40))).toEqual(at(10, 45));
    expect(slotBoundary(new Date(2026, 10, 23, 10, 59, 30))).toEqual(at(11, 0));
  });

  it('ends a meeting 5 or 10 minutes before the hour, and never shortens it twice', () => {
    expect(planChange('endFiveMinutesEarly', at(10, 0), at(11, 0))).toMatchObject({ kind: 'setEnd', end: at(10, 55) });
    expect(planChange('endTenMinutesEarly', at(10, 0), at(11, 0))).toMatchObject({ kind: 'setEnd', end: at(10, 50) });
    // 10 after 5: 10 before the hour, not 15
    expect(planChange('endTenMinutesEarly', at(10, 0), at(10, 55))).toMatchObject({ kind: 'setEnd', end: at(10, 50) });
    // 5 again, or 5 after 10: the room is there already
    expect(planChange('endFiveMinutesEarly', at(10, 0), at(10, 55))).toEqual({
      kind: 'none',
      message: 'This meeting already ends 5 minutes before 11:00. Nothing changed.',
    });
    expect(planChange('endFiveMinutesEarly', at(10, 0), at(10, 50)).kind).toBe('none');
  });

  it('keeps a meeting at least 10 minutes long', () => {
    expect(planChange('endTenMinutesEarly', at(10, 0), at(10, 15))).toEqual({
      kind: 'none',
      message: 'This meeting is too short to end 10 minutes early. Nothing changed.',
    });
    expect(planChange('endTenMinutesEarly', at(10, 0), at(10, 30))).toMatchObject({ kind: 'setEnd', end: at(10, 20) });
  });

  it('"keep a gap after" moves the meeting earlier with its length, so 5 minutes stay free before the next slot', () => {
    expect(planChange('keepGapAfter', at(10, 0), at(11, 0))).toEqual({
      kind: 'setStart',
      start: at(9, 55),
      message: 'Moved to 09:55–10:55, same length: 5 minutes to breathe before 11:00.',
    });
    expect(planChange('keepGapAfter', at(10, 0), at(10, 57))).toMatchObject({ kind: 'setStart', start: at(9, 58) });
    expect(planChange('keepGapAfter', at(10, 0), at(10, 50)).kind).toBe('none');
  });
});

describe('the add-in command against Outlook (the Office fake)', () => {
  it('ends the meeting 5 minutes early, says so on the item and completes the event once', async () => {
    const { fake, event, note } = await run('endFiveMinutesEarly', { start: at(10, 0), end: at(11, 0) });
    expect(fake.end).toEqual(at(10, 55));
    expect(fake.start).toEqual(at(10, 0));
    expect(fake.calls).toEqual(['start.getAsync', 'end.getAsync', 'end.setAsync', 'notificationMessages.replaceAsync']);
    expect(note).toEqual({
      type: 'informationalMessage',
      message: 'Now ends at 10:55: 5 minutes to breathe before 11:00.',
      icon: 'icon-16',
      persistent: false,
    });
    expect(event.completions()).toBe(1);
  });

  it('ends it 10 minutes early', async () => {
    const { fake } = await run('endTenMinutesEarly', { start: at(14, 0), end: at(15, 0) });
    expect(fake.end).toEqual(at(14, 50));
  });

  it('keeps a gap after it by setting the start, which Outlook answers by moving the end too', async () => {
    const { fake, note } = await run('keepGapAfter', { start: at(10, 0), end: at(11, 0) });
    expect([fake.start, fake.end]).toEqual([at(9, 55), at(10, 55)]);
    expect(fake.calls).not.toContain('end.setAsync');
    expect(note?.message).toBe('Moved to 09:55–10:55, same length: 5 minutes to breathe before 11:00.');
  });

  it('changes nothing when the room is already there, and says so', async () => {
    const { fake, event, note } = await run('endFiveMinutesEarly', { start: at(10, 0), end: at(10, 25) });
    expect(fake.calls).not.toContain('end.setAsync');
    expect(note?.message).toBe('This meeting already ends 5 minutes before 10:30. Nothing changed.');
    expect(event.completions()).toBe(1);
  });

  it('shows Outlook’s reason as an error (no icon) when a change is refused, and still completes', async () => {
    const refused = { name: 'GenericResponseError', code: 9020, message: 'The start or end of a recurring series cannot be changed here.' };
    const { fake, event, note } = await run('endTenMinutesEarly', { start: at(10, 0), end: at(11, 0) }, (f) => f.failNext('end.setAsync', refused));
    expect(fake.end).toEqual(at(11, 0));
    expect(note).toEqual({
      type: 'errorMessage',
      message: "The meeting's time was not changed. The start or end of a recurring series cannot be changed here. (end)",
    });
    expect(event.completions()).toBe(1);
  });

  it('reports a failed read with the field it was about (carried as the call’s asyncContext)', async () => {
    const { fake, note } = await run('keepGapAfter', { start: at(10, 0), end: at(11, 0) }, (f) => f.failNext('start.getAsync', INVALID_END_TIME));
    expect(fake.calls).toEqual(['start.getAsync', 'notificationMessages.replaceAsync']);
    expect(note?.type).toBe('errorMessage');
    expect(note?.message).toMatch(/\(start\)$/);
  });

  it('completes the event even when the notification itself fails', async () => {
    const { event } = await run('endFiveMinutesEarly', { start: at(10, 0), end: at(11, 0) }, (f) =>
      f.failNext('notificationMessages.replaceAsync', { name: 'GenericResponseError', code: 9020, message: 'offline' }),
    );
    expect(event.completions()).toBe(1);
  });

  it('the fake refuses what Outlook refuses', async () => {
    const fake = fakeOffice({ start: at(10, 0), end: at(11, 0) });
    const item = fake.office.context.mailbox.item!;
    const result = await new Promise<{ status: string; error?: { name: string }; asyncContext: unknown }>((resolve) =>
      item.end.setAsync(at(9, 0), { asyncContext: 'mine' }, resolve),
    );
    expect(result).toMatchObject({ status: 'failed', error: { name: 'InvalidEndTime' }, asyncContext: 'mine' });
    expect(() => item.end.setAsync('10:00' as unknown as Date)).toThrow(/ArgumentTypeException/);
    expect(() => item.notificationMessages.replaceAsync('k', { type: 'errorMessage', message: 'x', icon: 'icon-16' })).toThrow(/ArgumentException/);
    expect(() => item.notificationMessages.replaceAsync('k', { type: 'informationalMessage', message: 'x' })).toThrow(/icon/);
    expect(() => item.notificationMessages.replaceAsync('k', { type: 'informationalMessage', message: 'x'.repeat(151), icon: 'i' })).toThrow(/150/);
    // callbacks never run synchronously
    const spy = vi.fn();
    item.start.getAsync(spy);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('registration', () => {
  it('associates every manifest action once Office is ready, and each runs its command', async () => {
    const fake = fakeOffice({ start: at(10, 0), end: at(11, 0) });
    await registerActions(fake.office);
    expect([...fake.associated.keys()].sort()).toEqual(Object.keys(ACTIONS).sort());
    const event = fake.event('endTenMinutesEarly');
    fake.associated.get('endTenMinutesEarly')!(event);
    await event.whenCompleted;
    expect(fake.end).toEqual(at(10, 50));
  });

  it('speaks Outlook’s display language: German messages with German times', async () => {
    const fake = fakeOffice({ start: at(10, 0), end: at(11, 0) });
    fake.office.context.displayLanguage = 'de-DE';
    await registerActions(fake.office);
    const event = fake.event('keepGapAfter');
    fake.associated.get('keepGapAfter')!(event);
    await event.whenCompleted;
    expect(fake.notifications.get(NOTIFICATION_KEY)?.message).toBe(
      'Verschoben auf 09:55–10:55, gleiche Dauer: 5 Minuten zum Durchatmen vor 11:00.',
    );
  });

  it('the page’s entry registers with the global Office that office.js provides', async () => {
    const fake = fakeOffice({ start: at(10, 0), end: at(11, 0) });
    vi.stubGlobal('Office', fake.office);
    try {
      await import('./commands');
      await vi.waitFor(() => expect(fake.associated.size).toBe(Object.keys(ACTIONS).length));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
