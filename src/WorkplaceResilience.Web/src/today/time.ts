// Time formatting in the person's own time zone, as the API reports it.
// The API's ISO strings carry the person's UTC offset (e.g. 2026-11-23T09:00:00-08:00), so the wall-clock
// part is already local to them; when the API also gives an IANA zone we let Intl do the conversion.

const WALL_CLOCK = /T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:?\d{2})$/;

import { english, type Translator } from '../i18n/lookup';

function intlTime(timeZone: string | undefined, locale: string | undefined): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  } catch {
    return null; // unknown zone name in this browser
  }
}

/** "09:00" in the person's time zone. */
export function formatTime(iso: string, timeZoneIana?: string | null, locale?: string): string {
  if (timeZoneIana) {
    const fmt = intlTime(timeZoneIana, locale);
    if (fmt) return fmt.format(new Date(iso));
  }
  const m = WALL_CLOCK.exec(iso);
  if (m) return `${m[1]}:${m[2]}`;
  return intlTime(undefined, locale)?.format(new Date(iso)) ?? iso;
}

/** "09:00–10:30". */
export function formatRange(start: string, end: string, timeZoneIana?: string | null, locale?: string): string {
  return `${formatTime(start, timeZoneIana, locale)}–${formatTime(end, timeZoneIana, locale)}`;
}

/** "1 h 30 min", "45 min", "2 h". */
export function formatDuration(start: string, end: string, i18n: Translator = english): string {
  const minutes = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return i18n.t('duration.minutes', { minutes: m });
  return m === 0 ? i18n.t('duration.hours', { hours: h }) : i18n.t('duration.hoursMinutes', { hours: h, minutes: m });
}

/** "Monday, 23 November" (or "Montag, 23. November") for the API's local date "2026-11-23". */
export function formatDay(date: string, locale?: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  if (!y || !mo || !d) return date;
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d)),
  );
}

/** "0:05" countdown text. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * The zone's long name in the reader's language on that date ("Pacific Standard Time", "Nordamerikanische
 * Westküsten-Normalzeit"), or null when there is no IANA zone or this browser does not know it.
 */
export function zoneName(timeZoneIana: string | null | undefined, date: string, locale?: string): string | null {
  const [y, mo, d] = date.split('-').map(Number);
  if (!timeZoneIana || !y || !mo || !d) return null;
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: timeZoneIana, timeZoneName: 'long' }).formatToParts(new Date(Date.UTC(y, mo - 1, d, 12)));
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? null;
  } catch {
    return null;
  }
}
