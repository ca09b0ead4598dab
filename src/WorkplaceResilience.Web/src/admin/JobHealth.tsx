import {
  Badge,
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, WarningRegular } from '@fluentui/react-icons';
import { useApi } from '../api/ApiContext';
import type { RecurringJobHealth } from '../api/types';
import { JobsButton } from '../shell/JobsButton';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { absoluteTime, count, jobName, relativeTime } from './format';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  wrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusLarge },
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end' },
  failure: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, justifyContent: 'flex-end' },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

function When({ iso, none }: { iso: string | null; none: string }) {
  if (!iso) return <>{none}</>;
  return (
    <time dateTime={iso} title={absoluteTime(iso)}>
      {relativeTime(iso, Date.now(), none)}
    </time>
  );
}

function LastFailure({ job }: { job: RecurringJobHealth }) {
  const styles = useStyles();
  const f = job.lastFailure;
  if (!f) return <>None</>;
  return (
    <div className={styles.failure} data-testid="job-last-failure">
      <span>
        <When iso={f.at} none="Time unknown" />
        {f.exceptionType ? ` · ${f.exceptionType.split('.').pop()}` : ''}
      </span>
    </div>
  );
}

/** The recurring jobs at a glance (from Hangfire's monitoring API); the full dashboard is one click away. */
export function JobHealth() {
  const styles = useStyles();
  const api = useApi();
  const health = useLoad(() => api.jobHealth());
  const data = health.data;
  const caption = 'Recurring background jobs';

  return (
    <div className={styles.stack}>
      {health.loading && !data && <Spinner size="small" label="Reading the job health…" />}
      <ProblemBar error={health.error} onRetry={health.reload} />
      {data && (
        <>
          {data.jobs.length === 0 ? (
            <Text as="p">No recurring jobs are registered yet. They appear once the service has started its job server.</Text>
          ) : (
            <div className={styles.wrap}>
              <Table noNativeElements={false} aria-label={caption} data-testid="job-table">
                <caption className={styles.caption}>{caption}</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Job</TableHeaderCell>
                    <TableHeaderCell scope="col">Last run</TableHeaderCell>
                    <TableHeaderCell scope="col">Next run</TableHeaderCell>
                    <TableHeaderCell scope="col">Last failure</TableHeaderCell>
                    <TableHeaderCell scope="col" className={styles.num}>
                      Failed / retrying
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.jobs.map((job) => (
                    <TableRow key={job.id} data-testid="job-row" data-job={job.id} data-failing={job.failed > 0 ? 'true' : 'false'}>
                      <TableHeaderCell scope="row">{jobName(job.id)}</TableHeaderCell>
                      <TableCell>
                        <When iso={job.lastRun} none="Not yet" />
                        {job.lastRunState ? ` (${job.lastRunState.toLowerCase()})` : ''}
                      </TableCell>
                      <TableCell>
                        <When iso={job.nextRun} none="Not scheduled" />
                      </TableCell>
                      <TableCell>
                        <LastFailure job={job} />
                      </TableCell>
                      <TableCell className={styles.num}>
                        <span className={styles.counts}>
                          {job.failed > 0 ? (
                            <Badge color="danger" icon={<WarningRegular />} data-testid="job-failed-badge">
                              {`${count(job.failed)} failed`}
                            </Badge>
                          ) : (
                            <span>0 failed</span>
                          )}
                          {job.retrying > 0 ? (
                            <Badge color="warning" appearance="tint">{`${count(job.retrying)} retrying`}</Badge>
                          ) : (
                            <span>0 retrying</span>
                          )}
                        </span>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Text className={styles.meta} data-testid="job-servers">
            {count(data.servers)} job {data.servers === 1 ? 'server' : 'servers'} running, {count(data.processing)} processing
            now
            {data.queues.length > 0 &&
              `; queues: ${data.queues.map((q) => `${q.name} ${count(q.length)} waiting`).join(', ')}`}
            .
          </Text>
          {data.servers === 0 && (
            <Text as="p" role="alert">
              No job server is running, so nothing is synced or sent. Please check the service’s health page.
            </Text>
          )}
        </>
      )}
      <div className={styles.actions}>
        <Button size="small" icon={<ArrowClockwiseRegular />} onClick={health.refresh}>
          Refresh job health
        </Button>
        <JobsButton label="Open the jobs dashboard" testId="open-jobs-dashboard" />
      </div>
    </div>
  );
}
