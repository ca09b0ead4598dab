import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { SummaryTable } from './SummaryTable';
import { formatPeriod } from './format';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500 },
  meta: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** HR dashboard: anonymized aggregates by department, nothing about any one person. */
export function HrPage() {
  const styles = useStyles();
  const api = useApi();
  const summary = useLoad(() => api.summary());
  const data = summary.data;

  return (
    <div className={styles.stack}>
      <h1 className={styles.h1}>Breaks across the organisation</h1>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No individual is ever shown</MessageBarTitle>
          These figures describe whole departments. Nobody’s calendar, check-ins or activity can be seen here.
        </MessageBarBody>
      </MessageBar>
      {summary.loading && <Spinner label="Loading the summary…" />}
      <ProblemBar error={summary.error} onRetry={summary.reload} />
      {data && (
        <>
          <Text className={styles.meta} data-testid="hr-period">
            Period: {formatPeriod(data.periodStart, data.periodEnd)}
          </Text>
          {data.groups.length === 0 ? (
            <Text as="p">There is nothing to report for this period yet.</Text>
          ) : (
            <SummaryTable
              summary={data}
              caption={`Break uptake and meeting load by department, ${formatPeriod(data.periodStart, data.periodEnd)}`}
            />
          )}
          <section aria-labelledby="hr-privacy-heading" className={styles.stack}>
            <h2 id="hr-privacy-heading" className={styles.h2}>
              How people are protected
            </h2>
            <ul className={styles.list}>
              <li data-testid="hr-min-group">
                A department is only shown when at least {data.minimumGroupSize} people were active in the period.
                Smaller groups read “fewer than {data.minimumGroupSize}”. Sometimes a larger neighbouring group is
                hidden too, so a hidden number can’t be worked out from the others.
              </li>
              <li>Shares very close to 0% or 100% are not shown (“not shown”), because they would say something about everyone.</li>
              <li>Nobody’s check-in answers are part of these figures.</li>
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
