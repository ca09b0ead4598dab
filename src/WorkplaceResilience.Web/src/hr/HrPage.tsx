import { useI18n } from '../i18n/I18nProvider';
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import type { Summary } from '../api/types';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { LoadBesideUptake, TREND_GROUPS, TrendChart } from './ReportCharts';
import { SummaryTable } from './SummaryTable';
import { BreakdownTable, SKIP_REASONS } from './BreakdownTable';
import { GROUPINGS, HIDDEN_REASONS, METRICS, groupingLabel, hiddenCounts, hiddenExplanation, hiddenText, metricExplanation, metricLabel, tableCsv, typicalError } from './reportModel';
import type { Translator } from '../i18n/lookup';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL, alignItems: 'flex-end' },
  // Four groupings do not fit a phone's width in one row.
  groupings: { flexWrap: 'wrap', maxWidth: '100%' },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500 },
  meta: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  terms: { margin: 0, display: 'grid', gridTemplateColumns: 'minmax(10rem, max-content) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}` },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0 },
});

function download(summary: Summary, i18n: Translator) {
  const blob = new Blob([tableCsv(summary, i18n)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `hr-report-${summary.grouping}-${summary.weeks[summary.weeks.length - 1]?.label ?? 'none'}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

/** HR dashboard: released weekly figures by fixed groups, nothing about any one person. */
export function HrPage() {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const [grouping, setGrouping] = useState('department');
  const [metricKey, setMetricKey] = useState('completedRate');
  return (
    <div className={styles.stack}>
      <h1 className={styles.h1}>{t('hr.title')}</h1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('hr.noIndividual')}</MessageBarTitle>
          {t('hr.noIndividualText')}
        </MessageBarBody>
      </MessageBar>
      <div className={styles.controls}>
        <RadioGroup layout="horizontal" className={styles.groupings} value={grouping} onChange={(_, d) => setGrouping(d.value)} aria-label={t('hr.groupBy')}>
          {GROUPINGS.map((key) => (
            <Radio key={key} value={key} label={groupingLabel(key, i18n)} />
          ))}
        </RadioGroup>
        <Field label={t('hr.trendOf')}>
          <Select value={metricKey} onChange={(_, d) => setMetricKey(d.value)} data-testid="hr-metric">
            {METRICS.filter((m) => m.key !== 'people').map((m) => (
              <option key={m.key} value={m.key}>
                {metricLabel(m, i18n)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <ReportView key={grouping} grouping={grouping} metricKey={metricKey} />
    </div>
  );
}

/** One grouping's report (loaded again when the grouping changes). */
function ReportView({ grouping, metricKey }: { grouping: string; metricKey: string }) {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t, tn } = i18n;
  const summary = useLoad(() => api.summary(grouping));
  const data = summary.data;
  const k = data?.minimumGroupSize ?? 10;
  const counts = data ? hiddenCounts(data) : {};
  const latest = data?.weeks[data.weeks.length - 1];
  return (
    <div className={styles.stack}>
      {data && latest && (
        <div>
          <Button icon={<ArrowDownloadRegular />} onClick={() => download(data, i18n)} data-testid="hr-export">
            {t('hr.export')}
          </Button>
        </div>
      )}
      {summary.loading && <Spinner label={t('hr.loading')} />}
      <ProblemBar error={summary.error} onRetry={summary.reload} />
      {data && !latest && (
        <Text as="p" data-testid="hr-empty">
          {t('hr.empty')}
        </Text>
      )}
      {data && latest && (
        <>
          <Text className={styles.meta} data-testid="hr-period">
            {tn('hr.period', data.weeks.length, { from: data.weeks[0]!.label, to: latest.label })}
            {latest.released ? '' : t('hr.withheld', { week: latest.label, reason: hiddenText(latest.withheld ?? '', k, i18n) })}
          </Text>
          <section aria-labelledby="hr-trend-heading" className={styles.stack}>
            <h2 id="hr-trend-heading" className={styles.h2}>
              {t('hr.trend')}
            </h2>
            <TrendChart summary={data} metricKey={metricKey} />
            <Text className={styles.meta}>{t('hr.trendNote', { count: TREND_GROUPS })}</Text>
          </section>
          <section aria-labelledby="hr-load-heading" className={styles.stack}>
            <h2 id="hr-load-heading" className={styles.h2}>
              {t('hr.load', { week: latest.label })}
            </h2>
            <LoadBesideUptake summary={data} />
          </section>
          <section aria-labelledby="hr-table-heading" className={styles.stack}>
            <h2 id="hr-table-heading" className={styles.h2}>
              {t('hr.table', { week: latest.label })}
            </h2>
            <SummaryTable summary={data} caption={t('hr.tableCaption', { grouping: groupingLabel(data.grouping, i18n, true), week: latest.label })} />
          </section>
          <section aria-labelledby="hr-breakdowns-heading" className={styles.stack}>
            <h2 id="hr-breakdowns-heading" className={styles.h2}>
              {t('hr.breakdowns', { week: latest.label })}
            </h2>
            <BreakdownTable summary={data} breakdown="skipReasons" labels={SKIP_REASONS} caption={t('hr.skipCaption')} />
            <BreakdownTable summary={data} breakdown="practiceMix" caption={t('hr.mixCaption')} />
          </section>
          <section aria-labelledby="hr-hidden-heading" className={styles.stack}>
            <h2 id="hr-hidden-heading" className={styles.h2}>
              {t('hr.hidden')}
            </h2>
            <ul className={styles.list} data-testid="hr-hidden">
              <li data-testid="hr-min-group">{t('hr.minGroup', { k })}</li>
              {HIDDEN_REASONS.filter((r) => counts[r]).map((reason) => (
                <li key={reason}>
                  <strong>{t('hr.hiddenCount', { reason: hiddenText(reason, k, i18n), count: counts[reason]!, week: latest.label })}</strong>{' '}
                  {hiddenExplanation(reason, k, i18n)}
                </li>
              ))}
              <li>{t('hr.bands', { low: i18n.percent(data.bandMargin), high: i18n.percent(1 - data.bandMargin) })}</li>
              <li>
                {t('hr.noise', {
                  people: i18n.number(data.noise.peoplePlusMinus),
                  offers: i18n.number(data.noise.offersPlusMinus),
                  hours: i18n.number(data.noise.meetingHoursPlusMinus),
                  clip: i18n.number(data.noise.actionClip),
                })}
              </li>
            </ul>
          </section>
          <section aria-labelledby="hr-metrics-heading" className={styles.stack}>
            <h2 id="hr-metrics-heading" className={styles.h2}>
              {t('hr.metrics')}
            </h2>
            <dl className={styles.terms} data-testid="hr-metrics">
              {METRICS.map((m) => (
                <div key={m.key} style={{ display: 'contents' }}>
                  <dt className={styles.term}>{metricLabel(m, i18n)}</dt>
                  <dd className={styles.definition}>
                    {metricExplanation(m, i18n)}
                    {typicalError(data, m, i18n) && <>{t('hr.typicalError', { week: latest.label, error: typicalError(data, m, i18n)! })}</>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        </>
      )}
    </div>
  );
}
