import { english, type MessageKey, type Translator } from '../i18n/lookup';

const JOB_NAMES: Record<string, MessageKey> = {
  'directory-sync': 'job.directory-sync',
  'calendar-sync': 'job.calendar-sync',
  'offer-delivery': 'job.offer-delivery',
  retention: 'job.retention',
  'report-rollup': 'job.report-rollup',
};

/** A readable name for a recurring job id; unknown ids are shown as they are. */
export function jobName(id: string, i18n: Translator = english): string {
  const key = JOB_NAMES[id];
  return key ? i18n.t(key) : id;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "3 minutes ago", "in 40 seconds" (in the locale's words); `none` for no time. */
export function relativeTime(iso: string | null | undefined, now: number = Date.now(), none = 'never', locale?: string): string {
  if (!iso) return none;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return none;
  const diff = at - now;
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return fmt.format(Math.round(diff / ms), unit);
  }
  return fmt.format(0, 'second');
}

/** The absolute time, for a tooltip or title next to a relative one. */
export function absoluteTime(iso: string | null | undefined, locale?: string): string | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return undefined;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function count(n: number | null | undefined, locale?: string): string {
  return typeof n === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n) : '—';
}
