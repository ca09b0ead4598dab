import type { Figure, ReportGroup, Summary } from '../api/types';

export type MetricKind = 'count' | 'share' | 'hours' | 'minutes' | 'change';

export interface Metric {
  key: string;
  label: string;
  kind: MetricKind;
  explanation: string;
}

/** Every figure the dashboard shows, in table order, with what it means. */
export const METRICS: Metric[] = [
  { key: 'people', label: 'People active', kind: 'count', explanation: 'People with any meeting, break offer or practice in the week (their own Monday to Sunday).' },
  { key: 'optedInShare', label: 'Opted in', kind: 'share', explanation: 'Share of the people in the group (active that week or not) who have breaks turned on.' },
  { key: 'engagedShare', label: 'Engaged', kind: 'share', explanation: 'Share of active people who answered a break offer or ran a practice.' },
  { key: 'delivered', label: 'Breaks offered', kind: 'count', explanation: 'Break offers that reached people.' },
  { key: 'started', label: 'Breaks started', kind: 'count', explanation: 'Offers people started (finished or not).' },
  { key: 'completed', label: 'Breaks completed', kind: 'count', explanation: 'Offers people finished.' },
  { key: 'skipped', label: 'Breaks skipped', kind: 'count', explanation: 'Offers people chose to skip.' },
  { key: 'startedRate', label: 'Started rate', kind: 'share', explanation: 'Started offers out of offers that reached people.' },
  { key: 'completedRate', label: 'Completion rate', kind: 'share', explanation: 'Completed offers out of offers that reached people.' },
  { key: 'skippedRate', label: 'Skip rate', kind: 'share', explanation: 'Skipped offers out of offers that reached people.' },
  { key: 'feltWorseRate', label: 'Felt worse', kind: 'share', explanation: 'Practices after which the person said they felt worse, out of all practices.' },
  { key: 'checkInChange', label: 'Check-in change', kind: 'change', explanation: 'Average improvement from the check-in before to the one after a practice (points on a 1–5 scale), only from people who agreed to share it.' },
  { key: 'meetingHoursPerPerson', label: 'Meeting hours per person', kind: 'hours', explanation: 'Busy meeting hours in the week per active person, counted on each person’s own local days.' },
  { key: 'backToBackMinutesPerDay', label: 'Back-to-back minutes per day', kind: 'minutes', explanation: 'Minutes a working day spent in meetings less than five minutes apart.' },
  { key: 'heavyDayShare', label: 'Days with 2 h+ back to back', kind: 'share', explanation: 'Share of working days with two hours or more of meetings back to back.' },
];

export const GROUPINGS: Record<string, string> = {
  department: 'Department',
  office: 'Office',
  country: 'Country',
  'org-level-2': 'Org (level 2)',
};

/** A grouping's name: the known ones, or "Org (level N)" for another level of the manager tree. */
export function groupingLabel(grouping: string): string {
  const level = /^org-level-(\d+)$/.exec(grouping)?.[1];
  return GROUPINGS[grouping] ?? (level ? `Org (level ${level})` : grouping);
}

/**
 * The typical error of a metric in the latest week, as "±…" in the metric's own units: the median of the groups'
 * published errors (each figure carries its own), or null when no group shows the metric as a number.
 */
export function typicalError(summary: Summary, metric: Metric): string | null {
  const last = summary.weeks.length - 1;
  const errors = summary.groups
    .map((g) => g.weeks[last])
    .map((cell) => (cell && !cell.hidden ? cell.figures?.figures[metric.key] : undefined))
    .filter((f): f is Figure => f?.value !== null && f?.value !== undefined && typeof f.plusMinus === 'number')
    .map((f) => f.plusMinus as number)
    .sort((a, b) => a - b);
  if (errors.length === 0) return null;
  const median = errors[Math.floor(errors.length / 2)]!;
  switch (metric.kind) {
    case 'share':
      return `±${Math.max(1, Math.round(median * 100))} points`;
    case 'hours':
      return `±${median.toFixed(1)} h`;
    case 'minutes':
      return `±${Math.round(median)} min`;
    case 'change':
      return `±${median.toFixed(1)}`;
    default:
      return `±${Math.round(median).toLocaleString('en')}`;
  }
}

/** Why something is hidden, in words, for the legend and the cells. */
export function hiddenText(reason: string, k: number): string {
  switch (reason) {
    case 'small-group':
      return `fewer than ${k} people`;
    case 'few-people':
      return `fewer than ${k} people behind it`;
    case 'complementary':
      return 'hidden to protect another group';
    case 'overlap':
      return 'overlaps another group';
    case 'reveals-band':
      return 'would reveal a band';
    case 'budget':
      return 'not released (privacy budget)';
    default:
      return 'hidden';
  }
}

export const HIDDEN_REASONS = ['small-group', 'few-people', 'complementary', 'overlap', 'reveals-band', 'budget'] as const;

export function hiddenExplanation(reason: string, k: number): string {
  switch (reason) {
    case 'small-group':
      return `Fewer than ${k} people were active in the group that week, so none of its numbers is shown.`;
    case 'few-people':
      return `Fewer than ${k} people are behind this number (for example fewer than ${k} people skipped), so it would describe too few people.`;
    case 'complementary':
      return 'Hidden so that a hidden number cannot be worked out by subtracting the shown ones from a total.';
    case 'overlap':
      return `The group’s members differ from another shown group’s by fewer than ${k} people; showing both would single those people out.`;
    case 'reveals-band':
      return 'Shown beside a share given as a band (under 10% or over 90%), this count would give the exact share away.';
    case 'budget':
      return 'The organisation’s privacy budget for the year was spent, so this week was not released.';
    default:
      return '';
  }
}

function formatValue(value: number, kind: MetricKind): string {
  switch (kind) {
    case 'share':
      return `${Math.round(value * 100)}%`;
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'minutes':
      return `${Math.round(value)} min`;
    case 'change':
      return `${value > 0 ? '+' : ''}${value.toFixed(1)}`;
    default:
      return Math.round(value).toLocaleString('en');
  }
}

/** A figure exactly as the dashboard shows it. */
export function figureText(figure: Figure | undefined, kind: MetricKind, k: number, margin: number): string {
  if (!figure) return 'not measured';
  if (figure.value !== null) return formatValue(figure.value, kind);
  if (figure.band === 'low') return `under ${Math.round(margin * 100)}%`;
  if (figure.band === 'high') return `over ${Math.round((1 - margin) * 100)}%`;
  return hiddenText(figure.hidden ?? '', k);
}

/** The text of one group's cell in one week for a metric. */
export function cellText(group: ReportGroup, week: number, metric: Metric, summary: Summary): string {
  const cell = group.weeks[week];
  if (!cell) return '';
  if (cell.hidden) return hiddenText(cell.hidden, summary.minimumGroupSize);
  return figureText(cell.figures?.figures[metric.key], metric.kind, summary.minimumGroupSize, summary.bandMargin);
}

/** A number to plot, or null where nothing (or only a band) is released. */
export function plotValue(group: ReportGroup, week: number, metric: Metric): number | null {
  const cell = group.weeks[week];
  const value = cell && !cell.hidden ? cell.figures?.figures[metric.key]?.value : null;
  if (value === null || value === undefined) return null;
  return metric.kind === 'share' ? Math.round(value * 100) : value;
}

/** Groups with a released cell in the latest week, largest first. */
export function releasedGroups(summary: Summary): ReportGroup[] {
  const last = summary.weeks.length - 1;
  return summary.groups
    .filter((g) => last >= 0 && g.weeks[last] && !g.weeks[last]!.hidden)
    .sort((a, b) => (plotValue(b, last, METRICS[0]!) ?? 0) - (plotValue(a, last, METRICS[0]!) ?? 0));
}

/** How many cells of the latest week are hidden for each reason (whole cells and single figures). */
export function hiddenCounts(summary: Summary): Record<string, number> {
  const last = summary.weeks.length - 1;
  const counts: Record<string, number> = {};
  for (const group of summary.groups) {
    const cell = group.weeks[last];
    if (!cell) continue;
    if (cell.hidden) counts[cell.hidden] = (counts[cell.hidden] ?? 0) + 1;
    for (const figure of Object.values(cell.figures?.figures ?? {}))
      if (figure.hidden) counts[figure.hidden] = (counts[figure.hidden] ?? 0) + 1;
  }
  return counts;
}

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table exactly as shown: one row per group of the latest week, each figure as its displayed text. */
export function tableCsv(summary: Summary): string {
  const last = summary.weeks.length - 1;
  const week = summary.weeks[last];
  const header = [groupingLabel(summary.grouping), 'Week', ...METRICS.map((m) => m.label)];
  const rows = summary.groups.map((g) => [g.name, week?.label ?? '', ...METRICS.map((m) => cellText(g, last, m, summary))]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
