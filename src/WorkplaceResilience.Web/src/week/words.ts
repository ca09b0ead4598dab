import { english, type Translator } from '../i18n/lookup';
import type { CheckInAverages } from '../api/types';

/** "Mon 23" (or "Mo., 23") for the API's local date "2026-11-23". */
export function shortDay(date: string, locale?: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  if (!y || !mo || !d) return date;
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d)),
  );
}

type Direction = 'same' | 'up' | 'down';

function direction(change: number): Direction {
  return Math.abs(change) < 0.05 ? 'same' : change > 0 ? 'up' : 'down';
}

/**
 * The week's check-in changes as sentences. Answers run 1–5; the API sends after − before, so for self-criticism and
 * tension a fall is the good direction.
 */
export function checkInSentences(c: CheckInAverages, i18n: Translator = english): string[] {
  const out: string[] = [];
  const item = (change: number | null, count: number, key: 'kindness' | 'criticism' | 'tension') => {
    if (change === null) return;
    const rounded = Math.round(Math.abs(change) * 10) / 10;
    const points = i18n.tn('change.points', rounded);
    const from = i18n.tn('change.fromCheckIns', count);
    out.push(i18n.t(`change.${key}.${direction(change)}`, { points, from }));
  };
  item(c.selfKindness, c.selfKindnessCount, 'kindness');
  item(c.selfCriticism, c.selfCriticismCount, 'criticism');
  item(c.tension, c.tensionCount, 'tension');
  return out;
}
