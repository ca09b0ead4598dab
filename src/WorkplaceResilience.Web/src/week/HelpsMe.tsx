import { useI18n } from '../i18n/I18nProvider';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { HelpSummary, Practice } from '../api/types';
import type { Translator } from '../i18n/lookup';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  note: { color: tokens.colorNeutralForeground2 },
});

function changeWords(change: number | null, i18n: Translator): string {
  if (change === null) return '';
  if (Math.abs(change) < 0.05) return i18n.t('helps.same');
  const value = i18n.number(Math.round(Math.abs(change) * 10) / 10);
  return i18n.t(change > 0 ? 'helps.better' : 'helps.worse', { value });
}

/** "What tends to help me", from the person's whole history (not only this week). */
export function HelpsMe({ summary, practices }: { summary: HelpSummary; practices: Practice[] | undefined }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, tn } = i18n;
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
                {tn('helps.finished', p.offered, { completed: i18n.number(p.completed) })}
                {changeWords(p.averageChange, i18n)}
              </Text>
            </li>
          ))}
        </ul>
      ) : (
        <Text as="p" data-testid="tends-to-help-empty">
          {t('helps.empty')}
        </Text>
      )}
      {summary.betterFamily && (
        <Text as="p" data-testid="better-family">
          {t(`helps.family.${summary.betterFamily}`)}
        </Text>
      )}
      <Text as="p" size={200} className={styles.note}>
        {tn('helps.basis', summary.totalOffers)}

      </Text>
    </>
  );
}
