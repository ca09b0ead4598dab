import { english, type MessageKey, type Translator } from '../i18n/lookup';
import type { Figure, ReportGroup, Summary } from '../api/types';

export type MetricKind = 'count' | 'share' | 'hours' | 'minutes' | 'change';

export interface Metric {
  key: string;
  kind: MetricKind;
}

/** Every figure the dashboard shows, in table order. Label: `metric.<key>`; what it means: `metric.<key>.explain`. */
export const METRICS: Metric[] = [
  { key: 'people', kind: 'count' },
  { key: 'optedInShare', kind: 'share' },
  { key: 'engagedShare', kind: 'share' },
  { key: 'delivered', kind: 'count' },
  { key: 'started', kind: 'count' },
  { key: 'completed', kind: 'count' },
  { key: 'skipped', kind: 'count' },
  { key: 'startedRate', kind: 'share' },
  { key: 'completedRate', kind: 'share' },
  { key: 'skippedRate', kind: 'share' },
  { key: 'feltWorseRate', kind: 'share' },
  { key: 'checkInChange', kind: 'change' },
  { key: 'meetingHoursPerPerson', kind: 'hours' },
  { key: 'backToBackMinutesPerDay', kind: 'minutes' },
  { key: 'heavyDayShare', kind: 'share' },
];

export function metricLabel(metric: Metric, i18n: Translator = english): string {
  return i18n.t(`metric.${metric.key}` as MessageKey);
}

/**
 * The typical error of a metric in the latest week, as "±…" in the metric's own units: the median of the groups'
 * published errors (each figure carries its own), or null when no group shows the metric as a number.
 */
export function typicalError(summary: Summary, metric: Metric, i18n: Translator = english): string | null {
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
      return i18n.t('hr.error.points', { n: i18n.number(Math.max(1, Math.round(median * 100)), 0) });
    case 'hours':
      return i18n.t('hr.error.hours', { n: i18n.number(median, 1) });
    case 'minutes':
      return i18n.t('hr.error.minutes', { n: i18n.number(Math.round(median), 0) });
    case 'change':
      return i18n.t('hr.error.plain', { n: i18n.number(median, 1) });
    default:
      return i18n.t('hr.error.plain', { n: i18n.number(Math.round(median), 0) });
  }
}

export function metricExplanation(metric: Metric, i18n: Translator = english): string {
  return i18n.t(`metric.${metric.key}.explain` as MessageKey);
}

export const GROUPINGS = ['department', 'office', 'country', 'org-level-2'] as const;
const NAMED_GROUPINGS = ['department', 'office', 'country'] as const;

/**
 * "Department" (or, lower-case, "department" for the middle of a sentence), "Org (level N)" for a level of the
 * manager tree; unknown groupings as they are.
 */
export function groupingLabel(grouping: string, i18n: Translator = english, lower = false): string {
  const level = /^org-level-(\d+)$/.exec(grouping)?.[1];
  if (level) return i18n.t(lower ? 'grouping.org.lower' : 'grouping.org', { level });
  if (!(NAMED_GROUPINGS as readonly string[]).includes(grouping)) return grouping;
  return i18n.t(`grouping.${grouping as (typeof NAMED_GROUPINGS)[number]}${lower ? '.lower' : ''}`);
}

export const HIDDEN_REASONS = ['small-group', 'few-people', 'complementary', 'overlap', 'reveals-band', 'budget'] as const;
type HiddenReason = (typeof HIDDEN_REASONS)[number];
const isReason = (reason: string): reason is HiddenReason => (HIDDEN_REASONS as readonly string[]).includes(reason);

/** Why something is hidden, in words, for the legend and the cells. */
export function hiddenText(reason: string, k: number, i18n: Translator = english): string {
  return isReason(reason) ? i18n.t(`hidden.${reason}`, { k }) : i18n.t('hidden.unknown');
}

export function hiddenExplanation(reason: string, k: number, i18n: Translator = english): string {
  return isReason(reason) ? i18n.t(`hiddenWhy.${reason}`, { k }) : '';
}

function formatValue(value: number, kind: MetricKind, i18n: Translator): string {
  switch (kind) {
    case 'share':
      return i18n.percent(value);
    case 'hours':
      return i18n.t('figure.hours', { value: new Intl.NumberFormat(i18n.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value) });
    case 'minutes':
      return i18n.t('figure.minutes', { value: i18n.number(Math.round(value), 0) });
    case 'change':
      return new Intl.NumberFormat(i18n.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value);
    default:
      return i18n.number(Math.round(value), 0);
  }
}

/** A figure exactly as the dashboard shows it. */
export function figureText(figure: Figure | undefined, kind: MetricKind, k: number, margin: number, i18n: Translator = english): string {
  if (!figure) return i18n.t('figure.notMeasured');
  if (figure.value !== null) return formatValue(figure.value, kind, i18n);
  if (figure.band === 'low') return i18n.t('figure.under', { share: i18n.percent(margin) });
  if (figure.band === 'high') return i18n.t('figure.over', { share: i18n.percent(1 - margin) });
  return hiddenText(figure.hidden ?? '', k, i18n);
}

/** The text of one group's cell in one week for a metric. */
export function cellText(group: ReportGroup, week: number, metric: Metric, summary: Summary, i18n: Translator = english): string {
  const cell = group.weeks[week];
  if (!cell) return '';
  if (cell.hidden) return hiddenText(cell.hidden, summary.minimumGroupSize, i18n);
  return figureText(cell.figures?.figures[metric.key], metric.kind, summary.minimumGroupSize, summary.bandMargin, i18n);
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
export function tableCsv(summary: Summary, i18n: Translator = english): string {
  const last = summary.weeks.length - 1;
  const week = summary.weeks[last];
  const header = [groupingLabel(summary.grouping, i18n), i18n.t('hr.csvWeek'), ...METRICS.map((m) => metricLabel(m, i18n))];
  const rows = summary.groups.map((g) => [g.name, week?.label ?? '', ...METRICS.map((m) => cellText(g, last, m, summary, i18n))]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
