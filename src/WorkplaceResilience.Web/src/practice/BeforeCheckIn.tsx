import { useState } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CheckInForm, isComplete, type CheckInDraft } from './CheckInForm';
import type { StepTimer } from './useStepTimer';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

interface BeforeCheckInProps {
  timer: StepTimer;
  value: CheckInDraft;
  onChange: (value: CheckInDraft) => void;
  onClose: () => void;
  onPausedChange: (paused: boolean) => void;
}

/**
 * The optional check-in before, shown during the first step. It never blocks the practice: answering pauses the
 * timer so nobody is rushed, and "Continue" / "Skip check-in" resume it.
 */
export function BeforeCheckIn({ timer, value, onChange, onClose, onPausedChange }: BeforeCheckInProps) {
  const styles = useStyles();
  const [pausedByUs, setPausedByUs] = useState(false);
  const [validation, setValidation] = useState<string | null>(null);

  const close = (keep: boolean) => {
    if (keep && !isComplete(value)) {
      setValidation('Please answer all three, or skip the check-in.');
      return;
    }
    if (!keep) onChange({});
    if (pausedByUs) {
      timer.resume();
      onPausedChange(false);
    }
    onClose();
  };

  return (
    <div className={styles.root} data-testid="checkin-before">
      <CheckInForm
        idPrefix="before"
        legend="Before you begin: how are you right now? (optional)"
        value={value}
        onChange={(v) => {
          if (!timer.paused) {
            timer.pause();
            setPausedByUs(true);
            onPausedChange(true);
          }
          setValidation(null);
          onChange(v);
        }}
      />
      {validation && <Text role="alert">{validation}</Text>}
      <div className={styles.row}>
        <Button appearance="primary" data-testid="practice-begin" onClick={() => close(true)}>
          {pausedByUs ? 'Save and continue' : 'Save'}
        </Button>
        <Button data-testid="checkin-skip" onClick={() => close(false)}>
          Skip check-in
        </Button>
      </div>
    </div>
  );
}
