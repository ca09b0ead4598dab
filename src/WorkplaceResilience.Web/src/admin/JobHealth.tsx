import { useI18n } from '../i18n/I18nProvider';
import { TableScroller } from '../shell/TableScroller';
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
  caption: { textAlign: 'left', padding: tokens.spacingHorizontalM, fontWeight: tokens.fontWeightSemibold },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', justifyContent: 'flex-end' },
  failure: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: tokens.spacingVerticalXS },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, justifyContent: 'flex-end' },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

function When({ iso, none }: { iso: string | null; none: string }) {
  const { locale } = useI18n();
  if (!iso) return <>{none}</>;
  return (
    <time dateTime={iso} title={absoluteTime(iso, locale)}>
      {relativeTime(iso, Date.now(), none, locale)}
    </time>
  );
}

function LastFailure({ job }: { job: RecurringJobHealth }) {
  const styles = useStyles();
  const { t } = useI18n();
  const f = job.lastFailure;
  if (!f) return <>{t('jobs.noFailure')}</>;
  return (
    <div className={styles.failure} data-testid="job-last-failure">
      <span>
        <When iso={f.at} none={t('jobs.timeUnknown')} />
        {f.exceptionType ? ` · ${f.exceptionType.split('.').pop()}` : ''}
      </span>
    </div>
  );
}

/** The recurring jobs at a glance (from Hangfire's monitoring API); the full dashboard is one click away. */
export function JobHealth() {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const health = useLoad(() => api.jobHealth());
  const data = health.data;
  const caption = t('jobs.caption');

  return (
    <div className={styles.stack}>
      {health.loading && !data && <Spinner size="small" label={t('jobs.reading')} />}
      <ProblemBar error={health.error} onRetry={health.reload} />
      {data && (
        <>
          {data.jobs.length === 0 ? (
            <Text as="p">{t('jobs.none')}</Text>
          ) : (
            <TableScroller label={caption}>
              <Table noNativeElements={false} aria-label={caption} data-testid="job-table">
                <caption className={styles.caption}>{caption}</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('jobs.col.job')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('jobs.col.lastRun')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('jobs.col.nextRun')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('jobs.col.lastFailure')}</TableHeaderCell>
                    <TableHeaderCell scope="col" className={styles.num}>
                      {t('jobs.col.counts')}
                    </TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.jobs.map((job) => (
                    <TableRow key={job.id} data-testid="job-row" data-job={job.id} data-failing={job.failed > 0 ? 'true' : 'false'}>
                      <TableHeaderCell scope="row">{jobName(job.id, i18n)}</TableHeaderCell>
                      <TableCell>
                        <When iso={job.lastRun} none={t('jobs.notYet')} />
                        {job.lastRunState ? ` (${job.lastRunState.toLowerCase()})` : ''}
                      </TableCell>
                      <TableCell>
                        <When iso={job.nextRun} none={t('jobs.notScheduled')} />
                      </TableCell>
                      <TableCell>
                        <LastFailure job={job} />
                      </TableCell>
                      <TableCell className={styles.num}>
                        <span className={styles.counts}>
                          {job.failed > 0 ? (
                            <Badge color="danger" icon={<WarningRegular />} data-testid="job-failed-badge">
                              {t('jobs.failed', { count: count(job.failed, locale) })}
                            </Badge>
                          ) : (
                            <span>{t('jobs.failed', { count: count(0, locale) })}</span>
                          )}
                          {job.retrying > 0 ? (
                            <Badge color="warning" appearance="tint">
                              {t('jobs.retrying', { count: count(job.retrying, locale) })}
                            </Badge>
                          ) : (
                            <span>{t('jobs.retrying', { count: count(0, locale) })}</span>
                          )}
                        </span>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableScroller>
          )}
          <Text className={styles.meta} data-testid="job-servers">
            {i18n.tn('jobs.servers', data.servers, { processing: count(data.processing, locale) })}
            {data.queues.length > 0 &&
              t('jobs.queues', { queues: data.queues.map((q) => t('jobs.queue', { name: q.name, count: count(q.length, locale) })).join(', ') })}
            .
          </Text>
          {data.servers === 0 && (
            <Text as="p" role="alert">
              {t('jobs.noServer')}
            </Text>
          )}
        </>
      )}
      <div className={styles.actions}>
        <Button size="small" icon={<ArrowClockwiseRegular />} onClick={health.refresh}>
          {t('jobs.refresh')}
        </Button>
        <JobsButton label="jobs.openDashboard" testId="open-jobs-dashboard" />

      </div>
    </div>
  );
}
