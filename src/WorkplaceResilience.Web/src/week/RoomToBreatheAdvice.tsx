import { useI18n } from '../i18n/I18nProvider';
import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { RoomToBreathe } from '../api/types';

const useStyles = makeStyles({
  box: {
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  h2: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  where: { color: tokens.colorNeutralForeground2 },
});

/**
 * "Leave room to breathe": shown only when most of the person's recent working days ran back to back. Outlook's own
 * setting ends meetings a few minutes early, which makes the gaps this app offers breaks in.
 */
export function RoomToBreatheAdvice({ advice }: { advice: RoomToBreathe }) {
  const styles = useStyles();
  const { t } = useI18n();
  if (!advice.suggest) return null;
  return (
    <section aria-labelledby="room-to-breathe-heading" data-testid="room-to-breathe">
      <h2 id="room-to-breathe-heading" className={styles.h2}>
        {t('room.title')}
      </h2>
      <div className={styles.box}>
        <Text as="p">{t('room.text', { days: advice.backToBackDays, observed: advice.daysObserved })}</Text>
        <div>
          <Link href={advice.outlookSettingsUrl} target="_blank" rel="noopener noreferrer" data-testid="room-to-breathe-link">
            {t('room.link')}
          </Link>
        </div>
        <Text as="p" size={200} className={styles.where}>
          {t('room.where')}

        </Text>
      </div>
    </section>
  );
}
