import type { CheckInAverages, WeekDay } from '../api/types';

/** "Mon 23" for the API's local date "2026-11-23". */
export function shortDay(date: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  if (!y || !mo || !d) return date;
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d)),
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const points = (n: number) => {
  const rounded = Math.round(Math.abs(n) * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'point' : 'points'}`;
};

/**
 * The week's check-in changes as sentences. Answers run 1–5; the API sends after − before, so for self-criticism and
 * tension a fall is the good direction.
 */
export function checkInSentences(c: CheckInAverages): string[] {
  const out: string[] = [];
  const from = (count: number) => ` (from ${plural(count, 'check-in')})`;
  if (c.selfKindness !== null) {
    const s =
      Math.abs(c.selfKindness) < 0.05
        ? 'about as kind to yourself after a break as before'
        : c.selfKindness > 0
          ? `${points(c.selfKindness)} kinder to yourself after a break`
          : `${points(c.selfKindness)} less kind to yourself after a break`;
    out.push(`On average you felt ${s}${from(c.selfKindnessCount)}.`);
  }
  if (c.selfCriticism !== null) {
    const s =
      Math.abs(c.selfCriticism) < 0.05
        ? 'about as self-critical after a break as before'
        : c.selfCriticism < 0
          ? `${points(c.selfCriticism)} less self-critical after a break`
          : `${points(c.selfCriticism)} more self-critical after a break`;
    out.push(`On average you felt ${s}${from(c.selfCriticismCount)}.`);
  }
  if (c.tension !== null) {
    const s =
      Math.abs(c.tension) < 0.05
        ? 'about as tense after a break as before'
        : c.tension < 0
          ? `${points(c.tension)} less tense after a break`
          : `${points(c.tension)} more tense after a break`;
    out.push(`On average you felt ${s}${from(c.tensionCount)}.`);
  }
  return out;
}

/** What the day's bar shows, in words: the chart's text alternative per day. */
export function dayInWords(day: WeekDay): string {
  const parts = [
    `${plural(day.offered, 'break')} offered`,
    `${day.taken} taken`,
    `${day.skipped} skipped`,
    `${day.missed} missed`,
    `${plural(day.onTheirOwn, 'practice')} on your own`,
  ];
  return parts.join(', ');
}
