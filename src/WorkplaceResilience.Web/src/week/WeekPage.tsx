import { useI18n } from '../i18n/I18nProvider';
import { visuallyHidden } from '../shell/visuallyHidden';
import { Caption1, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { usePractices } from '../api/usePractices';
import type { SupportResource, Week } from '../api/types';
import { NotTherapy } from '../shell/NotTherapy';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { HelpsMe } from './HelpsMe';
import { RoomToBreatheAdvice } from './RoomToBreatheAdvice';
import { WeekChart } from './WeekChart';
import { checkInSentences, shortDay } from './words';

const useStyles = makeStyles({
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  sub: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalL },
  h2: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  visuallyHidden,
});

function Totals({ week }: { week: Week }) {
  const { t, tn, number } = useI18n();
  const totals = week.totals;
  return (
    <Text as="p" data-testid="week-totals">
      {t('week.totals', {
        offered: tn('week.breakCount', totals.offered),
        taken: number(totals.taken),
        skipped: number(totals.skipped),
        missed: number(totals.missed),
        own: tn('week.practiceCount', totals.onTheirOwn),
      })}
    </Text>
  );
}

/** The chart's figures for screen readers. Hidden by its wrapper: a table ignores the width that would clip it. */
function WeekTable({ week, className }: { week: Week; className: string }) {
  const { t, locale } = useI18n();
  return (
    <div className={className}>
      <table data-testid="week-table">
        <caption>{t('week.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('week.col.day')}</th>
            <th scope="col">{t('week.col.offered')}</th>
            <th scope="col">{t('week.col.taken')}</th>
            <th scope="col">{t('week.col.skipped')}</th>
            <th scope="col">{t('week.col.missed')}</th>
            <th scope="col">{t('week.col.own')}</th>
          </tr>
        </thead>
        <tbody>
          {week.days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{shortDay(d.date, locale)}</th>
              <td>{d.offered}</td>
              <td>{d.taken}</td>
              <td>{d.skipped}</td>
              <td>{d.missed}</td>
              <td>{d.onTheirOwn}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "My week": the person's own last seven days and what tends to help them. Nobody else sees any of it. */
export function WeekPage({ supportResources }: { supportResources: SupportResource[] | null }) {
  const styles = useStyles();
  const api = useApi();
  const i18n = useI18n();
  const { t, tn, locale } = i18n;
  const week = useLoad(() => api.week());
  const history = useLoad(() => api.history());
  const practices = usePractices();
  const w = week.data;
  const sentences = w ? checkInSentences(w.checkIns, i18n) : [];

  return (
    <>
      <h1 className={styles.h1}>{t('week.title')}</h1>
      <Caption1 className={styles.sub} data-testid="week-sub">
        {w ? t('week.range', { from: shortDay(w.from, locale), to: shortDay(w.to, locale) }) : ''}
        {t('week.onlyYou')}
      </Caption1>

      <section aria-labelledby="week-breaks-heading">
        <h2 id="week-breaks-heading" className={styles.h2}>
          {t('week.breaks')}
        </h2>
        {week.loading && <Spinner label={t('week.loading')} />}
        <ProblemBar error={week.error} onRetry={week.reload} />
        {w && (
          <>
            <Totals week={w} />
            <WeekChart days={w.days} />
            <WeekTable week={w} className={styles.visuallyHidden} />
          </>
        )}
      </section>

      {w && (
        <section aria-labelledby="week-feel-heading">
          <h2 id="week-feel-heading" className={styles.h2}>
            {t('week.felt')}
          </h2>
          {sentences.length > 0 ? (
            <ul data-testid="checkin-changes">
              {sentences.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <Text as="p" data-testid="checkin-none">
              {t('week.noCheckIns')}
            </Text>
          )}
          {w.feltWorse > 0 && (
            <Text as="p" data-testid="felt-worse-count">
              {tn('week.feltWorse', w.feltWorse)}
            </Text>
          )}
        </section>
      )}

      {w && <RoomToBreatheAdvice advice={w.roomToBreathe} />}

      <section aria-labelledby="week-helps-heading">
        <h2 id="week-helps-heading" className={styles.h2}>
          {t('week.helps')}
        </h2>
        {history.loading && <Spinner label={t('week.loadingHelps')} />}
        <ProblemBar error={history.error} onRetry={history.reload} />
        {history.data && <HelpsMe summary={history.data.summary} practices={practices.data} />}
      </section>

      {history.data?.showSupportResources && (
        <MessageBar intent="info" layout="multiline" data-testid="support-hint">
          <MessageBarBody>
            {t('week.supportHint')}

          </MessageBarBody>
        </MessageBar>
      )}
      <NotTherapy resources={supportResources} />
    </>
  );
}
