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
import { GROUPINGS, HIDDEN_REASONS, METRICS, groupingLabel, hiddenCounts, hiddenExplanation, hiddenText, tableCsv, typicalError } from './reportModel';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL, alignItems: 'flex-end' },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500 },
  meta: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  terms: { margin: 0, display: 'grid', gridTemplateColumns: 'minmax(10rem, max-content) 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}` },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0 },
});

function download(summary: Summary) {
  const blob = new Blob([tableCsv(summary)], { type: 'text/csv;charset=utf-8' });
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
  const [grouping, setGrouping] = useState('department');
  const [metricKey, setMetricKey] = useState('completedRate');
  return (
    <div className={styles.stack}>
      <h1 className={styles.h1}>Breaks across the organisation</h1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No individual is ever shown</MessageBarTitle>
          These figures describe whole groups, week by week, and only weeks that have ended. Nobody’s calendar, check-ins
          or activity can be seen here.
        </MessageBarBody>
      </MessageBar>
      <div className={styles.controls}>
        <RadioGroup layout="horizontal" value={grouping} onChange={(_, d) => setGrouping(d.value)} aria-label="Group by">
          {Object.entries(GROUPINGS).map(([key, label]) => (
            <Radio key={key} value={key} label={label} />
          ))}
        </RadioGroup>
        <Field label="Trend of">
          <Select value={metricKey} onChange={(_, d) => setMetricKey(d.value)} data-testid="hr-metric">
            {METRICS.filter((m) => m.key !== 'people').map((m) => (
              <option key={m.key} value={m.key}>
                {m.label}
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
  const summary = useLoad(() => api.summary(grouping));
  const data = summary.data;
  const k = data?.minimumGroupSize ?? 10;
  const counts = data ? hiddenCounts(data) : {};
  const latest = data?.weeks[data.weeks.length - 1];
  return (
    <div className={styles.stack}>
      {data && latest && (
        <div>
          <Button icon={<ArrowDownloadRegular />} onClick={() => download(data)} data-testid="hr-export">
            Export the table (CSV)
          </Button>
        </div>
      )}
      {summary.loading && <Spinner label="Loading the report…" />}
      <ProblemBar error={summary.error} onRetry={summary.reload} />
      {data && !latest && (
        <Text as="p" data-testid="hr-empty">
          No week has been released yet. A week is released the Tuesday after it ends, once it has ended everywhere.
        </Text>
      )}
      {data && latest && (
        <>
          <Text className={styles.meta} data-testid="hr-period">
            {data.weeks.length} released week{data.weeks.length === 1 ? '' : 's'}, {data.weeks[0]!.label} to {latest.label}
            {latest.released ? '' : ` (${latest.label}: ${hiddenText(latest.withheld ?? '', k)})`}
          </Text>
          <section aria-labelledby="hr-trend-heading" className={styles.stack}>
            <h2 id="hr-trend-heading" className={styles.h2}>
              Trend
            </h2>
            <TrendChart summary={data} metricKey={metricKey} />
            <Text className={styles.meta}>
              The {TREND_GROUPS} largest groups shown in the latest week; a gap is a week in which the number was hidden or shown as a band.
            </Text>
          </section>
          <section aria-labelledby="hr-load-heading" className={styles.stack}>
            <h2 id="hr-load-heading" className={styles.h2}>
              Meeting load beside uptake, {latest.label}
            </h2>
            <LoadBesideUptake summary={data} />
          </section>
          <section aria-labelledby="hr-table-heading" className={styles.stack}>
            <h2 id="hr-table-heading" className={styles.h2}>
              Every group, {latest.label}
            </h2>
            <SummaryTable summary={data} caption={`All figures by ${groupingLabel(data.grouping).toLowerCase()}, ${latest.label}`} />
          </section>
          <section aria-labelledby="hr-breakdowns-heading" className={styles.stack}>
            <h2 id="hr-breakdowns-heading" className={styles.h2}>
              Why breaks were skipped, and which practices people ran, {latest.label}
            </h2>
            <BreakdownTable summary={data} breakdown="skipReasons" labels={SKIP_REASONS} caption="Skipped breaks by the reason people gave" />
            <BreakdownTable summary={data} breakdown="practiceMix" caption="Practices run, by practice" />
          </section>
          <section aria-labelledby="hr-hidden-heading" className={styles.stack}>
            <h2 id="hr-hidden-heading" className={styles.h2}>
              What is hidden, and why
            </h2>
            <ul className={styles.list} data-testid="hr-hidden">
              <li data-testid="hr-min-group">
                A group is only shown when at least {k} people were active in it that week, and each number needs {k} people
                behind it.
              </li>
              {HIDDEN_REASONS.filter((r) => counts[r]).map((reason) => (
                <li key={reason}>
                  <strong>
                    “{hiddenText(reason, k)}” ({counts[reason]} in {latest.label}):
                  </strong>{' '}
                  {hiddenExplanation(reason, k)}
                </li>
              ))}
              <li>
                Shares under {Math.round(data.bandMargin * 100)}% or over {Math.round((1 - data.bandMargin) * 100)}% are shown as
                bands, because “nobody” or “everybody” would describe each person.
              </li>
              <li>
                Every count carries random noise (about ±{data.noise.peoplePlusMinus} on head counts, ±
                {data.noise.offersPlusMinus} on a group’s break counts, ±{data.noise.meetingHoursPlusMinus} h on a group’s meeting
                hours), fixed per week and group, so no one person’s activity can be worked out by comparing numbers. One person
                adds at most {data.noise.actionClip} offers or practices a week to the totals. Each number’s typical error is
                given below; on small groups break counts are rough.
              </li>
            </ul>
          </section>
          <section aria-labelledby="hr-metrics-heading" className={styles.stack}>
            <h2 id="hr-metrics-heading" className={styles.h2}>
              What the numbers mean
            </h2>
            <dl className={styles.terms} data-testid="hr-metrics">
              {METRICS.map((m) => (
                <div key={m.key} style={{ display: 'contents' }}>
                  <dt className={styles.term}>{m.label}</dt>
                  <dd className={styles.definition}>
                    {m.explanation}
                    {typicalError(data, m) && <> Typical error in {latest.label}: {typicalError(data, m)}.</>}
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
