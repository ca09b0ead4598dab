import { useI18n } from '../i18n/I18nProvider';
import { useEffect } from 'react';
import { Button, Field, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { NextRegular, PauseRegular, PlayRegular } from '@fluentui/react-icons';
import type { PracticeStep } from '../api/types';
import { formatCountdown } from '../today/time';
import { useStepTimer } from './useStepTimer';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  stepText: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    minHeight: '3.5em',
    margin: 0,
  },
  countdown: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontVariantNumeric: 'tabular-nums',
    fontWeight: tokens.fontWeightSemibold,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  meta: { color: tokens.colorNeutralForeground2 },
});

interface StepsRunnerProps {
  steps: PracticeStep[];
  onStepChange: (index: number) => void;
  onPausedChange: (paused: boolean) => void;
  onDone: () => void;
}

/** The timed part of a practice: one step at a time, a countdown, overall progress, Pause/Resume and Next. */
export function StepsRunner({ steps, onStepChange, onPausedChange, onDone }: StepsRunnerProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const timer = useStepTimer(steps);

  useEffect(() => {
    if (timer.finished) onDone();
  }, [timer.finished, onDone]);

  useEffect(() => {
    if (!timer.finished) onStepChange(timer.index);
  }, [timer.index, timer.finished, onStepChange]);

  const isLast = timer.index === steps.length - 1;
  return (
    <div className={styles.root}>
      <Text className={styles.meta} id="practice-step-counter">
        {t('steps.counter', { number: Math.min(timer.index + 1, steps.length), total: steps.length })}
      </Text>
      <p className={styles.stepText} data-testid="practice-step" data-step-index={timer.index}>
        {timer.step?.text}
      </p>
      <div className={styles.row}>
        <span className={styles.countdown} data-testid="practice-countdown" aria-describedby="practice-countdown-label">
          {formatCountdown(timer.remainingMs)}
        </span>
        <Text className={styles.meta} id="practice-countdown-label">
          {t(timer.paused ? 'steps.paused' : 'steps.left')}
        </Text>
      </div>
      <Field label={t('steps.progress')} validationState="none">
        <ProgressBar value={timer.progress} max={1} thickness="large" />
      </Field>
      <div className={styles.row}>
        {timer.paused ? (
          <Button
            icon={<PlayRegular />}
            data-testid="practice-resume"
            onClick={() => {
              timer.resume();
              onPausedChange(false);
            }}
          >
            {t('steps.resume')}
          </Button>
        ) : (
          <Button
            icon={<PauseRegular />}
            data-testid="practice-pause"
            onClick={() => {
              timer.pause();
              onPausedChange(true);
            }}
          >
            {t('steps.pause')}
          </Button>
        )}
        <Button appearance="primary" icon={<NextRegular />} data-testid="practice-next" onClick={timer.next}>
          {t(isLast ? 'steps.finish' : 'steps.next')}

        </Button>
      </div>
    </div>
  );
}
