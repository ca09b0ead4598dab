import type { MessageKey } from '../i18n/lookup';
import { useI18n } from '../i18n/I18nProvider';
import { visuallyHidden } from '../shell/visuallyHidden';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  ToggleButton,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import { HeartBrokenRegular } from '@fluentui/react-icons';
import type { CheckIn, CompleteRequest, Practice, PracticeVersion, SupportResource } from '../api/types';
import { SupportLinkList } from '../shell/NotTherapy';
import { ProblemBar } from '../shell/ProblemBar';
import { BeforeCheckIn } from './BeforeCheckIn';
import { CheckInForm, isComplete, isEmpty, type CheckInDraft } from './CheckInForm';
import { StepsRunner } from './StepsRunner';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    // On a phone the step text must be on the first screen: tighter padding, no decoration.
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM, gap: tokens.spacingVerticalM },
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  phaseHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  meta: { color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  feltWorse: {
    ...shorthands.border(tokens.strokeWidthThick, 'solid', tokens.colorPaletteRedBorder2),
  },
  visuallyHidden,
});

type Phase = 'before' | 'steps' | 'after' | 'done';

export interface PracticePlayerProps {
  practice: Practice;
  version: PracticeVersion;
  /** e.g. "3-minute break · Between meetings" or "Practice now". */
  context: string;
  /** Records the session (offer complete or practice-session); reject to show the problem and stay. */
  onFinish: (result: CompleteRequest) => Promise<void>;
  onClose: () => void;
  /** The organisation's support links, shown when the person says the practice made them feel worse. */
  supportResources?: SupportResource[] | null;
}

/**
 * Optional check-in before (nothing runs yet) → timed steps → check-in after with "This made me feel worse" → Finish.
 */
export function PracticePlayer({ practice, version, context, onFinish, onClose, supportResources }: PracticePlayerProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const tRef = useRef(t);
  tRef.current = t;
  const [phase, setPhase] = useState<Phase>('before');
  const [before, setBefore] = useState<CheckInDraft>({});
  const [after, setAfter] = useState<CheckInDraft>({});
  const [feltWorse, setFeltWorse] = useState(false);
  const [validation, setValidation] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Move focus to the new phase's heading (not on first open: the page focuses the player title).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [phase]);

  const steps = version.steps;
  const onStepChange = useCallback(
    (index: number) =>
      setAnnouncement(tRef.current('player.stepAnnouncement', { number: index + 1, total: steps.length, text: steps[index]?.text ?? '' })),
    [steps],
  );
  const onPausedChange = useCallback((paused: boolean) => setAnnouncement(tRef.current(paused ? 'player.paused' : 'player.resumed')), []);
  const onStepsDone = useCallback(() => {
    setAnnouncement(tRef.current('player.finished'));
    setPhase('after');
  }, []);

  async function finish() {
    if (!isEmpty(after) && !isComplete(after)) {
      setValidation(t('player.answerAllOrNone'));
      return;
    }
    setValidation(null);
    setSaving(true);
    setError(null);
    try {
      await onFinish({
        before: isComplete(before) ? (before as CheckIn) : null,
        after: isComplete(after) ? (after as CheckIn) : null,
        feltWorse,
      });
      setPhase('done');
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const phaseTitle: Record<Phase, MessageKey> = {
    before: 'player.before',
    steps: 'player.steps',
    after: 'player.after',
    done: 'player.done',
  };

  return (
    <section className={styles.root} data-testid="practice-player" data-phase={phase} aria-labelledby="practice-title">
      <div>
        <h2 id="practice-title" className={styles.title} tabIndex={-1}>
          {practice.title}
        </h2>
        <Caption1 className={styles.meta}>
          {t('player.meta', {
            context,
            minutes: version.lengthMinutes,
            family: t(practice.family === 'Behavioural' ? 'player.familyBehavioural' : 'player.familyMental'),
          })}
        </Caption1>
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.visuallyHidden} data-testid="practice-live">
        {announcement}
      </div>
      <h3 ref={headingRef} tabIndex={-1} className={styles.phaseHeading}>
        {t(phaseTitle[phase])}
      </h3>

      {phase === 'before' && (
        <BeforeCheckIn
          value={before}
          onChange={setBefore}
          onBegin={(kept) => {
            setBefore(kept);
            setPhase('steps');
          }}
        />
      )}

      {phase === 'steps' && (
        <StepsRunner steps={steps} onStepChange={onStepChange} onPausedChange={onPausedChange} onDone={onStepsDone} />
      )}

      {phase === 'after' && (
        <div className={styles.section} data-testid="checkin-after">
          <div className={styles.row}>
            <ToggleButton
              size="large"
              className={styles.feltWorse}
              icon={<HeartBrokenRegular />}
              checked={feltWorse}
              data-testid="felt-worse"
              onClick={() => setFeltWorse((v) => !v)}
            >
              {t('player.feltWorse')}
            </ToggleButton>
          </div>
          {feltWorse && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>{t('player.feltWorseTitle')}</MessageBarTitle>
                {practice.feelWorseNote} {t('player.feltWorseNext')}{' '}
                {t(supportResources && supportResources.length > 0 ? 'player.feltWorseLinks' : 'player.feltWorseNoLinks')}
                {supportResources && supportResources.length > 0 && <SupportLinkList resources={supportResources} />}
              </MessageBarBody>
            </MessageBar>
          )}
          <CheckInForm
            idPrefix="after"
            legend={t('player.checkInAfter')}
            value={after}
            onChange={(v) => {
              setAfter(v);
              setValidation(null);
            }}
          />
          {validation && <Text role="alert">{validation}</Text>}
          <ProblemBar error={error} />
          <div className={styles.row}>
            <Button
              appearance="primary"
              data-testid="practice-finish"
              disabled={saving}
              onClick={() => void finish()}
            >
              {t(saving ? 'player.saving' : 'player.finish')}
            </Button>
          </div>
        </div>
      )}

      {phase === 'done' && (
        <div className={styles.section} data-testid="practice-done">
          <Text>
            {t(feltWorse ? 'player.thanksWorse' : 'player.thanks')}
          </Text>
          <div className={styles.row}>
            <Button appearance="primary" data-testid="practice-close" onClick={onClose}>
              {t('player.backToToday')}
            </Button>
          </div>
        </div>
      )}

      {phase !== 'done' && (
        <div className={styles.row}>
          <Button appearance="subtle" data-testid="practice-leave" onClick={onClose}>
            {t('player.leave')}

          </Button>
        </div>
      )}
    </section>
  );
}
