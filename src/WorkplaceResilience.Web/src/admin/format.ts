const JOB_NAMES: Record<string, string> = {
  'directory-sync': 'Directory sync',
  'calendar-sync': 'Calendar sync',
  'offer-delivery': 'Break delivery',
  retention: 'Data retention',
};

/** A readable name for a recurring job id; unknown ids are shown as they are. */
export function jobName(id: string): string {
  return JOB_NAMES[id] ?? id;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "3 minutes ago", "in 40 seconds"; "never" for no time. */
export function relativeTime(iso: string | null | undefined, now: number = Date.now(), none = 'never'): string {
  if (!iso) return none;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return none;
  const diff = at - now;
  const fmt = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return fmt.format(Math.round(diff / ms), unit);
  }
  return fmt.format(0, 'second');
}

/** The absolute time, for a tooltip or title next to a relative one. */
export function absoluteTime(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
export function count(n: number | null | undefined): string {
  return typeof n === 'number' ? whole.format(n) : '—';
}
