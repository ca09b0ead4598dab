import { useI18n } from '../i18n/I18nProvider';
import { LineChart, VerticalBarChart } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Summary } from '../api/types';
import { METRICS, type Metric, metricLabel, plotValue, releasedGroups } from './reportModel';

const useStyles = makeStyles({
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(18rem, 1fr))', gap: tokens.spacingHorizontalL },
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
});

/** At most this many lines in the trend, the largest groups: more would be unreadable. */
export const TREND_GROUPS = 8;

function metric(key: string): Metric {
  return METRICS.find((m) => m.key === key)!;
}

/** The chosen figure over the released weeks, one line per group (gaps where a week was hidden). */
export function TrendChart({ summary, metricKey }: { summary: Summary; metricKey: string }) {
  const i18n = useI18n();
  const chosen = metric(metricKey);
  const groups = releasedGroups(summary).slice(0, TREND_GROUPS);
  const lineChartData = groups.map((group) => ({
    legend: group.name,
    data: summary.weeks
      .map((week, i) => ({ x: new Date(`${week.weekStart}T00:00:00Z`), y: plotValue(group, i, chosen) }))
      .filter((p): p is { x: Date; y: number } => p.y !== null),
  }));
  const title = i18n.t(chosen.kind === 'share' ? 'hr.trendTitleShare' : 'hr.trendTitle', { metric: metricLabel(chosen, i18n) });
  return (
    <figure style={{ margin: 0 }} aria-label={title} data-testid="hr-trend">
      <LineChart data={{ chartTitle: title, lineChartData }} height={280} />
    </figure>
  );
}

/** Meeting load beside uptake in the latest week, per released group. */
export function LoadBesideUptake({ summary }: { summary: Summary }) {
  const styles = useStyles();
  const { t } = useI18n();
  const last = summary.weeks.length - 1;
  const groups = releasedGroups(summary);
  const bars = (key: string) =>
    groups.flatMap((g) => {
      const y = plotValue(g, last, metric(key));
      return y === null ? [] : [{ x: g.name, y, legend: g.name }];
    });
  return (
    <div className={styles.pair} data-testid="hr-load-uptake">
      <figure className={styles.figure} aria-label={t('hr.loadHoursLabel')}>
        <VerticalBarChart chartTitle={t('hr.loadHours')} data={bars('meetingHoursPerPerson')} height={260} hideLegend />
      </figure>
      <figure className={styles.figure} aria-label={t('hr.loadRateLabel')}>
        <VerticalBarChart chartTitle={t('hr.loadRate')} data={bars('completedRate')} height={260} hideLegend />

      </figure>
    </div>
  );
}
