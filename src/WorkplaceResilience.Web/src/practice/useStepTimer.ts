import { useCallback, useEffect, useReducer } from 'react';
import type { PracticeStep } from '../api/types';

export const TICK_MS = 250;

interface TimerState {
  index: number;
  /** Time spent in the current step before the latest resume. */
  banked: number;
  /** Date.now() when the current run started; null while paused. */
  runningSince: number | null;
  now: number;
  finished: boolean;
}

type Action =
  | { type: 'tick'; now: number }
  | { type: 'pause'; now: number }
  | { type: 'resume'; now: number }
  | { type: 'next'; now: number };

function elapsed(s: TimerState, now: number): number {
  return s.banked + (s.runningSince === null ? 0 : now - s.runningSince);
}

function reducer(steps: PracticeStep[]) {
  const advance = (s: TimerState, now: number): TimerState =>
    s.index + 1 >= steps.length
      ? { ...s, now, finished: true, runningSince: null }
      : { index: s.index + 1, banked: 0, runningSince: s.runningSince === null ? null : now, now, finished: false };

  return (s: TimerState, a: Action): TimerState => {
    if (s.finished) return s;
    switch (a.type) {
      case 'tick': {
        const stepMs = (steps[s.index]?.seconds ?? 0) * 1000;
        return elapsed(s, a.now) >= stepMs ? advance(s, a.now) : { ...s, now: a.now };
      }
      case 'pause':
        return s.runningSince === null ? s : { ...s, banked: elapsed(s, a.now), runningSince: null, now: a.now };
      case 'resume':
        return s.runningSince !== null ? s : { ...s, runningSince: a.now, now: a.now };
      case 'next':
        return advance(s, a.now);
    }
  };
}

export interface StepTimer {
  index: number;
  step: PracticeStep | undefined;
  remainingMs: number;
  /** 0..1 over the whole practice. */
  progress: number;
  paused: boolean;
  finished: boolean;
  pause: () => void;
  resume: () => void;
  next: () => void;
}

/**
 * Runs the steps one after another in real time (setInterval + Date.now, so fake timers can fast-forward it).
 * Pausing banks the elapsed time; "next" skips the rest of the current step.
 */
export function useStepTimer(steps: PracticeStep[]): StepTimer {
  const [state, dispatch] = useReducer(reducer(steps), undefined, () => {
    const now = Date.now();
    return { index: 0, banked: 0, runningSince: now, now, finished: steps.length === 0 };
  });
  const running = state.runningSince !== null && !state.finished;

  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), TICK_MS);
    return () => clearInterval(id);
  }, [running]);

  const pause = useCallback(() => dispatch({ type: 'pause', now: Date.now() }), []);
  const resume = useCallback(() => dispatch({ type: 'resume', now: Date.now() }), []);
  const next = useCallback(() => dispatch({ type: 'next', now: Date.now() }), []);

  const step = steps[state.index];
  const stepMs = (step?.seconds ?? 0) * 1000;
  const inStep = Math.min(stepMs, elapsed(state, state.now));
  const totalMs = steps.reduce((sum, s) => sum + s.seconds * 1000, 0);
  const doneMs = steps.slice(0, state.index).reduce((sum, s) => sum + s.seconds * 1000, 0) + inStep;

  return {
    index: state.index,
    step,
    remainingMs: stepMs - inStep,
    progress: state.finished ? 1 : totalMs > 0 ? doneMs / totalMs : 1,
    paused: state.runningSince === null,
    finished: state.finished,
    pause,
    resume,
    next,
  };
}
