// Time formatting in the person's own time zone, as the API reports it.
// The API's ISO strings carry the person's UTC offset (e.g. 2026-11-23T09:00:00-08:00), so the wall-clock
// part is already local to them; when the API also gives an IANA zone we let Intl do the conversion.

const WALL_CLOCK = /T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:?\d{2})$/;

function intlTime(timeZone: string | undefined): Intl.DateTimeFormat | null {
  try {
    return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  } catch {
    return null; // unknown zone name in this browser
  }
}

/** "09:00" in the person's time zone. */
export function formatTime(iso: string, timeZoneIana?: string | null): string {
  if (timeZoneIana) {
    const fmt = intlTime(timeZoneIana);
    if (fmt) return fmt.format(new Date(iso));
  }
  const m = WALL_CLOCK.exec(iso);
  if (m) return `${m[1]}:${m[2]}`;
  return intlTime(undefined)?.format(new Date(iso)) ?? iso;
}

/** "09:00–10:30". */
export function formatRange(start: string, end: string, timeZoneIana?: string | null): string {
  return `${formatTime(start, timeZoneIana)}–${formatTime(end, timeZoneIana)}`;
}

/** "1 h 30 min", "45 min", "2 h". */
export function formatDuration(start: string, end: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60000));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "Monday, 23 November" for the API's local date "2026-11-23". */
export function formatDay(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  if (!y || !mo || !d) return date;
  return new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d)),
  );
}

/** "0:05" countdown text. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
