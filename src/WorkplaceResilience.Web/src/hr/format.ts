import type { SummaryGroup } from '../api/types';

export type Column = {
  key: keyof Omit<SummaryGroup, 'department' | 'suppressed'>;
  label: string;
  format: (value: number) => string;
};

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const COLUMNS: Column[] = [
  { key: 'activePeople', label: 'People active', format: (v) => whole.format(v) },
  { key: 'offersDelivered', label: 'Breaks offered', format: (v) => whole.format(v) },
  { key: 'accepted', label: 'Accepted', format: (v) => whole.format(v) },
  { key: 'completed', label: 'Completed', format: (v) => whole.format(v) },
  { key: 'acceptanceRate', label: 'Acceptance rate', format: (v) => percent.format(v) },
  { key: 'averageMeetingHoursPerDay', label: 'Meeting hours per day (average)', format: (v) => oneDecimal.format(v) },
];

/** Value for one cell: the number, "fewer than k" for a suppressed group, "not shown" for a withheld cell. */
export function cellText(group: SummaryGroup, column: Column, k: number): string {
  const value = group[column.key];
  if (group.suppressed) return `fewer than ${k}`;
  if (value === null || value === undefined) return 'not shown';
  return column.format(value);
}

/** "1 Nov 2026 – 28 Nov 2026" from two ISO dates (calendar dates, no zone shift). */
export function formatPeriod(start: string, end: string): string {
  const fmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const toDate = (d: string) => {
    const [y, m, day] = d.slice(0, 10).split('-').map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, day ?? 1));
  };
  return `${fmt.format(toDate(start))} – ${fmt.format(toDate(end))}`;
}
