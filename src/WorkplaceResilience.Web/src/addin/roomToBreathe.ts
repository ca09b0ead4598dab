// "Leave room to breathe" on the meeting being organised: end it 5 or 10 minutes early, or keep its length and move it
// so that 5 minutes stay free after it. Times are judged against the quarter-hour the meeting ends by (in the
// organiser's local time), so pressing a command twice, or 10 after 5, never shortens the meeting further than asked.
import { call, OfficeCallError, type AppointmentCompose, type CommandEvent, type OfficeApi } from './officeApi';
import { english, formattingLocale, languageOf, loadMessages, translator, type Translator } from '../i18n/lookup';

/** The manifest's action ids (manifest/manifest.template.json, extensions[0].runtimes[0].actions). */
export const ACTIONS = {
  endFiveMinutesEarly: { kind: 'shorten', minutes: 5 },
  endTenMinutesEarly: { kind: 'shorten', minutes: 10 },
  keepGapAfter: { kind: 'move', minutes: 5 },
} as const;

export type ActionId = keyof typeof ACTIONS;

/** The notification's key on the item: a later command replaces the earlier message. */
export const NOTIFICATION_KEY = 'roomToBreathe';

/** A meeting is never made shorter than this. */
export const SHORTEST_MINUTES = 10;

const MINUTE = 60_000;
const SLOT_MINUTES = 15;

export type Change =
  | { kind: 'setEnd'; end: Date; message: string }
  | { kind: 'setStart'; start: Date; message: string }
  | { kind: 'none'; message: string };

const clock = (locale: string) => {
  const format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (d: Date) => format.format(d);
};

/** The quarter-hour (local time) the meeting ends by: its end if that is on a quarter-hour, else the next one. */
export function slotBoundary(end: Date): Date {
  const local = new Date(end);
  local.setSeconds(0, 0);
  const past = local.getMinutes() % SLOT_MINUTES;
  const exact = past === 0 && end.getSeconds() === 0 && end.getMilliseconds() === 0;
  if (!exact) local.setMinutes(local.getMinutes() - past + SLOT_MINUTES);
  return local;
}

/** What an action does to a meeting from start to end. Pure. */
export function planChange(action: ActionId, start: Date, end: Date, i18n: Translator = english): Change {
  const { kind, minutes } = ACTIONS[action];
  const { t } = i18n;
  const hhmm = clock(i18n.locale);
  const boundary = slotBoundary(end);
  const free = Math.round((boundary.getTime() - end.getTime()) / MINUTE);
  if (free >= minutes)
    return { kind: 'none', message: t('addin.already', { free, boundary: hhmm(boundary) }) };
  const newEnd = new Date(boundary.getTime() - minutes * MINUTE);
  if (kind === 'move') {
    const newStart = new Date(start.getTime() - (end.getTime() - newEnd.getTime()));
    return {
      kind: 'setStart',
      start: newStart,
      message: t('addin.moved', { start: hhmm(newStart), end: hhmm(newEnd), minutes, boundary: hhmm(boundary) }),
    };
  }
  if (newEnd.getTime() - start.getTime() < SHORTEST_MINUTES * MINUTE)
    return { kind: 'none', message: t('addin.tooShort', { minutes }) };
  return { kind: 'setEnd', end: newEnd, message: t('addin.shortened', { end: hhmm(newEnd), minutes, boundary: hhmm(boundary) }) };
}

/** Office allows at most 150 characters in a notification. */
const fit = (text: string) => (text.length <= 150 ? text : `${text.slice(0, 149)}…`);

function notify(office: OfficeApi, item: AppointmentCompose, type: 'info' | 'error', message: string): Promise<void> {
  const types = office.MailboxEnums.ItemNotificationMessageType;
  // An informational message needs an icon name (with the unified manifest Outlook shows the first ribbon icon);
  // an error message must have neither icon nor persistent.
  const details =
    type === 'info'
      ? { type: types.InformationalMessage, message: fit(message), icon: 'icon-16', persistent: false }
      : { type: types.ErrorMessage, message: fit(message) };
  return call<void>(office, 'notification', (options, callback) =>
    item.notificationMessages.replaceAsync(NOTIFICATION_KEY, details, options, callback),
  );
}

/**
 * Runs an action on the appointment being organised and always completes the event, also when Outlook refuses a
 * change (for example a recurring series in classic Outlook on Windows): then the reason is shown on the item.
 */
export async function leaveRoomToBreathe(office: OfficeApi, action: ActionId, event: CommandEvent, i18n: Translator = english): Promise<void> {
  const item = office.context.mailbox.item;
  try {
    if (!item) return;
    try {
      const start = await call<Date>(office, 'start', (options, callback) => item.start.getAsync(options, callback));
      const end = await call<Date>(office, 'end', (options, callback) => item.end.getAsync(options, callback));
      const change = planChange(action, start, end, i18n);
      if (change.kind === 'setEnd') await call<void>(office, 'end', (options, callback) => item.end.setAsync(change.end, options, callback));
      if (change.kind === 'setStart')
        await call<void>(office, 'start', (options, callback) => item.start.setAsync(change.start, options, callback));
      await notify(office, item, 'info', change.message);
    } catch (error) {
      const reason =
        error instanceof OfficeCallError
          ? `${error.message || i18n.t('addin.officeFailed', { field: error.field })} (${error.field})`
          : i18n.t('addin.unknown');
      await notify(office, item, 'error', i18n.t('addin.failed', { reason })).catch(() => undefined);
    }
  } finally {
    event.completed();
  }
}

/** Registers every action with Office once Office.js is ready; messages in Outlook's display language. */
export async function registerActions(office: OfficeApi): Promise<void> {
  await office.onReady();
  const locale = office.context.displayLanguage;
  const messages = await loadMessages(languageOf(locale)).catch(() => loadMessages('en'));
  const i18n = translator(messages, formattingLocale(locale));
  for (const id of Object.keys(ACTIONS) as ActionId[])
    office.actions.associate(id, (event) => void leaveRoomToBreathe(office, id, event, i18n));
}
