import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { HelpSummary, Practice } from '../api/types';
import { plural } from './words';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  note: { color: tokens.colorNeutralForeground2 },
});

const FAMILY_WORDS = {
  Mental: 'quiet, reflective practices (kind words, noticing)',
  Behavioural: 'practices that move the body (stretching, walking, soothing touch)',
} as const;

function changeWords(change: number | null): string {
  if (change === null) return '';
  if (Math.abs(change) < 0.05) return '; check-ins about the same before and after';
  return change > 0
    ? `; check-ins ${Math.round(change * 10) / 10} better on average`
    : `; check-ins ${Math.round(-change * 10) / 10} worse on average`;
}

/** "What tends to help me", from the person's whole history (not only this week). */
export function HelpsMe({ summary, practices }: { summary: HelpSummary; practices: Practice[] | undefined }) {
  const styles = useStyles();
  const title = (id: string) => practices?.find((p) => p.id === id)?.title ?? id;
  const helps = summary.tendsToHelp
    .map((id) => summary.practices.find((p) => p.practiceId === id))
    .filter((p) => p !== undefined);

  return (
    <>
      {helps.length > 0 ? (
        <ul className={styles.list} data-testid="tends-to-help">
          {helps.map((p) => (
            <li key={p.practiceId}>
              <Text weight="semibold">{title(p.practiceId)}</Text>
              <Text>
                {' '}
                — finished {p.completed} of {plural(p.offered, 'time')}
                {changeWords(p.averageChange)}
              </Text>
            </li>
          ))}
        </ul>
      ) : (
        <Text as="p" data-testid="tends-to-help-empty">
          Not enough to tell yet. Once you have finished a practice a couple of times, the ones that tend to help you show
          up here.
        </Text>
      )}
      {summary.betterFamily && (
        <Text as="p" data-testid="better-family">
          Lately, {FAMILY_WORDS[summary.betterFamily]} have suited you better.
        </Text>
      )}
      <Text as="p" size={200} className={styles.note}>
        Based on everything you have answered so far ({plural(summary.totalOffers, 'break')} and practice
        {summary.totalOffers === 1 ? '' : 's'}). Only you can see this.
      </Text>
    </>
  );
}
