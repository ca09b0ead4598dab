import { Caption1, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import type { SupportResource, Week } from '../api/types';
import { NotTherapy } from '../shell/NotTherapy';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { HelpsMe } from './HelpsMe';
import { RoomToBreatheAdvice } from './RoomToBreatheAdvice';
import { WeekChart } from './WeekChart';
import { checkInSentences, plural, shortDay } from './words';

const useStyles = makeStyles({
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  sub: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalL },
  h2: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

function Totals({ week }: { week: Week }) {
  const t = week.totals;
  return (
    <Text as="p" data-testid="week-totals">
      This week: {plural(t.offered, 'break')} offered, {t.taken} taken, {t.skipped} skipped, {t.missed} missed; and{' '}
      {plural(t.onTheirOwn, 'practice')} on your own.
    </Text>
  );
}

/** The chart's figures for screen readers. Hidden by its wrapper: a table ignores the width that would clip it. */
function WeekTable({ week, className }: { week: Week; className: string }) {
  return (
    <div className={className}>
      <table data-testid="week-table">
        <caption>Breaks by day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Offered</th>
            <th scope="col">Taken</th>
            <th scope="col">Skipped</th>
            <th scope="col">Missed</th>
            <th scope="col">On your own</th>
          </tr>
        </thead>
        <tbody>
          {week.days.map((d) => (
            <tr key={d.date}>
              <th scope="row">{shortDay(d.date)}</th>
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
  const week = useLoad(() => api.week());
  const history = useLoad(() => api.history());
  const practices = useLoad(() => api.practices());
  const w = week.data;
  const sentences = w ? checkInSentences(w.checkIns) : [];

  return (
    <>
      <h1 className={styles.h1}>My week</h1>
      <Caption1 className={styles.sub} data-testid="week-sub">
        {w ? `${shortDay(w.from)} – ${shortDay(w.to)} · ` : ''}Only you can see this page.
      </Caption1>

      <section aria-labelledby="week-breaks-heading">
        <h2 id="week-breaks-heading" className={styles.h2}>
          Your breaks
        </h2>
        {week.loading && <Spinner label="Loading your week…" />}
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
            How you felt
          </h2>
          {sentences.length > 0 ? (
            <ul data-testid="checkin-changes">
              {sentences.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : (
            <Text as="p" data-testid="checkin-none">
              No check-ins with a before and an after this week. They are optional; when you answer both, the change
              shows up here.
            </Text>
          )}
          {w.feltWorse > 0 && (
            <Text as="p" data-testid="felt-worse-count">
              You said a practice made you feel worse {w.feltWorse === 1 ? 'once' : `${w.feltWorse} times`} this week.
            </Text>
          )}
        </section>
      )}

      {w && <RoomToBreatheAdvice advice={w.roomToBreathe} />}

      <section aria-labelledby="week-helps-heading">
        <h2 id="week-helps-heading" className={styles.h2}>
          What tends to help me
        </h2>
        {history.loading && <Spinner label="Loading what helps you…" />}
        <ProblemBar error={history.error} onRetry={history.reload} />
        {history.data && <HelpsMe summary={history.data.summary} practices={practices.data} />}
      </section>

      {history.data?.showSupportResources && (
        <MessageBar intent="info" layout="multiline" data-testid="support-hint">
          <MessageBarBody>
            Some practices have not felt good lately. If things are hard, the support contacts below are there for you.
          </MessageBarBody>
        </MessageBar>
      )}
      <NotTherapy resources={supportResources} />
    </>
  );
}
