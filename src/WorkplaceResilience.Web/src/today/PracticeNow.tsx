import { useI18n } from '../i18n/I18nProvider';
import { useId, useState } from 'react';
import { Button, Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Practice } from '../api/types';
import { oneMinutePractices } from '../practice/pickVersion';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    marginBottom: tokens.spacingVerticalL,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  // Long practice titles (German ones run longer) must not widen the list past a phone's screen.
  choice: { minWidth: 0, maxWidth: '100%', gridTemplateColumns: 'minmax(0, 1fr)' },
  select: { minWidth: 0, maxWidth: '100%', '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
});

interface PracticeNowProps {
  practices: Practice[] | undefined;
  onStart: (practice: Practice) => void;
}

/** A one-minute practice on demand, without waiting for an offer. */
export function PracticeNow({ practices, onStart }: PracticeNowProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const headingId = useId();
  const choices = oneMinutePractices(practices ?? []);
  const [chosenId, setChosenId] = useState<string>('');
  const chosen = choices.find((p) => p.id === chosenId) ?? choices[0];

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('now.title')}
      </h2>
      <Text>{t('now.text')}</Text>
      <div className={styles.row}>
        {choices.length > 1 && (
          <Field label={t('now.practice')} className={styles.choice}>
            <Select className={styles.select} value={chosen?.id ?? ''} onChange={(_, d) => setChosenId(d.value)}>
              {choices.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button
          appearance="primary"
          data-testid="practice-now"
          disabled={!chosen}
          onClick={() => chosen && onStart(chosen)}
        >
          {t('now.start')}

        </Button>
      </div>
    </section>
  );
}
