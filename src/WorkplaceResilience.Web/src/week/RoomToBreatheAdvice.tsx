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
  if (!advice.suggest) return null;
  return (
    <section aria-labelledby="room-to-breathe-heading" data-testid="room-to-breathe">
      <h2 id="room-to-breathe-heading" className={styles.h2}>
        Leave room to breathe
      </h2>
      <div className={styles.box}>
        <Text as="p">
          On {advice.backToBackDays} of your last {advice.daysObserved} working days, your meetings ran back to back.
          Outlook can end meetings a little early for you: 5 minutes early for meetings under an hour, 10 minutes for
          longer ones. That leaves a few minutes between them to stand up, drink some water or breathe.
        </Text>
        <div>
          <Link href={advice.outlookSettingsUrl} target="_blank" rel="noopener noreferrer" data-testid="room-to-breathe-link">
            Open Outlook’s setting to end meetings early
          </Link>
        </div>
        <Text as="p" size={200} className={styles.where}>
          In Outlook: Settings › Calendar › Events and invitations › End appointments and meetings early. It applies to
          meetings you create from now on.
        </Text>
      </div>
    </section>
  );
}
