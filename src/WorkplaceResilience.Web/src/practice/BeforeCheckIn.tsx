import { useI18n } from '../i18n/I18nProvider';
import { useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { PlayRegular } from '@fluentui/react-icons';
import { CheckInForm, isComplete, isEmpty, type CheckInDraft } from './CheckInForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

interface BeforeCheckInProps {
  value: CheckInDraft;
  onChange: (value: CheckInDraft) => void;
  /** Called with the answers to keep (empty when skipped); the practice's clock starts only then. */
  onBegin: (kept: CheckInDraft) => void;
}

/**
 * The optional check-in before the practice. It comes first and nothing runs while it is open: the timed steps begin
 * only when the person presses "Begin" (with all three answers, or none) or skips it.
 */
export function BeforeCheckIn({ value, onChange, onBegin }: BeforeCheckInProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const [validation, setValidation] = useState<string | null>(null);

  const begin = () => {
    if (!isEmpty(value) && !isComplete(value)) {
      setValidation(t('checkin.answerAllOrSkip'));
      return;
    }
    onBegin(value);
  };

  return (
    <div className={styles.root} data-testid="checkin-before">
      <CheckInForm
        idPrefix="before"
        legend={t('checkin.before')}
        value={value}
        onChange={(v) => {
          setValidation(null);
          onChange(v);
        }}
      />
      {validation && <Text role="alert">{validation}</Text>}
      <div className={styles.row}>
        <Button appearance="primary" icon={<PlayRegular />} data-testid="practice-begin" onClick={begin}>
          {t('checkin.begin')}
        </Button>
        <Button
          data-testid="checkin-skip"
          onClick={() => {
            onChange({});
            onBegin({});
          }}
        >
          {t('checkin.skip')}

        </Button>
      </div>
    </div>
  );
}
