import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { serverFieldErrors, type FieldErrors } from '../api/errors';
import type { MySettings, MySettingsResponse } from '../api/types';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '44rem' },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  pair: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(11rem, 1fr))', gap: tokens.spacingHorizontalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  number: { maxWidth: '10rem' },
  hint: { color: tokens.colorNeutralForeground2, margin: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const LENGTHS = [1, 3, 5] as const;

/** What the form edits: optional times as "" when not set. */
interface Values extends Omit<MySettings, 'quietStart' | 'quietEnd' | 'workStart' | 'workEnd' | 'pausedUntil' | 'dailyCap' | 'minimumSpacingMinutes'> {
  dailyCap: string;
  minimumSpacingMinutes: string;
  quietStart: string;
  quietEnd: string;
  workStart: string;
  workEnd: string;
  pausedUntil: string;
}

function toValues(s: MySettings): Values {
  return {
    ...s,
    lengths: [...s.lengths].sort((a, b) => a - b),
    dailyCap: String(s.dailyCap),
    minimumSpacingMinutes: String(s.minimumSpacingMinutes),
    quietStart: s.quietStart ?? '',
    quietEnd: s.quietEnd ?? '',
    workStart: s.workStart ?? '',
    workEnd: s.workEnd ?? '',
    pausedUntil: s.pausedUntil ?? '',
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function toSettings(v: Values): MySettings {
  return {
    ...v,
    dailyCap: Number(v.dailyCap),
    minimumSpacingMinutes: Number(v.minimumSpacingMinutes),
    quietStart: orNull(v.quietStart),
    quietEnd: orNull(v.quietEnd),
    workStart: orNull(v.workStart),
    workEnd: orNull(v.workEnd),
    pausedUntil: orNull(v.pausedUntil),
  };
}

/** The person's own break settings; saving re-plans the rest of their day at once. */
export function MySettingsPage() {
  const styles = useStyles();
  const api = useApi();
  const loaded = useLoad(() => api.mySettings());

  return (
    <div className={styles.stack}>
      <h1 className={styles.h1}>My settings</h1>
      <Text as="p" className={styles.hint}>
        When and how you would like breaks. Changes apply straight away: the rest of today is planned again.
      </Text>
      {loaded.loading && !loaded.data ? (
        <Spinner label="Loading your settings…" />
      ) : loaded.data ? (
        <>
          <SettingsForm initial={loaded.data} />
          <CheckInSharing initial={loaded.data.shareCheckIns} />
        </>
      ) : (
        <ProblemBar error={loaded.error} />
      )}
    </div>
  );
}

function SettingsForm({ initial }: { initial: MySettingsResponse }) {
  const styles = useStyles();
  const api = useApi();
  const [organisation, setOrganisation] = useState(initial.organisation);
  const [values, setValues] = useState(() => toValues(initial.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<'on' | 'off' | null>(null);
  const [focusFirstError, setFocusFirstError] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusFirstError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusFirstError]);

  function edit(patch: Partial<Values>, ...fields: string[]) {
    setValues((v) => ({ ...v, ...patch }));
    setSaved(null);
    setErrors((e) => {
      const rest = { ...e };
      for (const f of fields) delete rest[f];
      return rest;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    setSaved(null);
    setSaving(true);
    try {
      const stored = await api.saveMySettings(toSettings(values));
      setValues(toValues(stored.settings));
      setOrganisation(stored.organisation);
      setErrors({});
      setSaved(stored.settings.breaksOn ? 'on' : 'off');
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (fields && Object.keys(fields).length > 0) {
        setErrors(fields);
        setFocusFirstError((n) => n + 1);
      } else {
        setFailure(error);
      }
    } finally {
      setSaving(false);
    }
  }

  const messages = (name: string) => errors[name] ?? [];
  const field = (name: string, label: string, hint: string, control: ReactElement) => (
    <Field
      label={label || undefined}
      hint={hint || undefined}
      validationState={messages(name).length ? 'error' : 'none'}
      validationMessage={messages(name).length ? messages(name).join(' ') : undefined}
      data-testid={`my-field-${name}`}
    >
      {control}
    </Field>
  );
  const text = (name: 'dailyCap' | 'minimumSpacingMinutes' | 'quietStart' | 'quietEnd' | 'workStart' | 'workEnd' | 'pausedUntil') => ({
    value: values[name],
    disabled: saving,
    onChange: (_: unknown, d: { value: string }) => edit({ [name]: d.value }, name),
  });
  const off = !values.breaksOn;
  const organisationQuiet =
    organisation.quietStart && organisation.quietEnd
      ? ` Your organisation already keeps ${organisation.quietStart}–${organisation.quietEnd} free of breaks.`
      : '';

  return (
    <form ref={formRef} className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label="My break settings" data-testid="my-settings-form">
      {Object.keys(errors).length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="my-settings-errors">
          <MessageBarBody>
            <MessageBarTitle>Some settings need another look</MessageBarTitle>
            {errors[''] ? errors[''].join(' ') : 'The messages are next to each setting.'}
          </MessageBarBody>
        </MessageBar>
      )}
      <ProblemBar error={failure} onDismiss={() => setFailure(null)} />

      {field(
        'breaksOn',
        '',
        'When this is off you get no break suggestions, your calendar is no longer read and the calendar times stored for you are deleted.',
        <Switch
          label="Suggest breaks to me"
          checked={values.breaksOn}
          disabled={saving}
          data-testid="my-breaks-on"
          onChange={(_, d) => edit({ breaksOn: d.checked }, 'breaksOn')}
        />,
      )}

      <fieldset className={styles.fieldset} disabled={off || saving}>
        <legend className={styles.legend}>How often</legend>
        <div role="group" aria-labelledby="lengths-label" data-testid="my-field-lengths">
          <Text id="lengths-label" as="p" className={styles.hint}>
            Break lengths I am happy with
          </Text>
          <div className={styles.row}>
            {LENGTHS.map((length) => (
              <Checkbox
                key={length}
                label={`${length} minute${length === 1 ? '' : 's'}`}
                checked={values.lengths.includes(length)}
                onChange={(_, d) =>
                  edit(
                    { lengths: d.checked ? [...values.lengths, length].sort((a, b) => a - b) : values.lengths.filter((l) => l !== length) },
                    'lengths',
                  )
                }
              />
            ))}
          </div>
          {messages('lengths').length > 0 && (
            <Text role="alert" className={styles.error}>
              {messages('lengths').join(' ')}
            </Text>
          )}
        </div>
        <div className={styles.pair}>
          {field(
            'dailyCap',
            'Breaks a day, at most',
            `From 1 to ${organisation.maximumDailyCap} (your organisation's limit).`,
            <Input className={styles.number} type="number" min={1} max={organisation.maximumDailyCap} {...text('dailyCap')} />,
          )}
          {field(
            'minimumSpacingMinutes',
            'Minutes between breaks, at least',
            `From ${organisation.minimumSpacingMinutes} to 480.`,
            <Input className={styles.number} type="number" min={organisation.minimumSpacingMinutes} max={480} step={15} {...text('minimumSpacingMinutes')} />,
          )}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset} disabled={off || saving}>
        <legend className={styles.legend}>When</legend>
        <div className={styles.pair}>
          {field('quietStart', 'Quiet hours start', `No breaks between these times; leave both empty for none.${organisationQuiet}`, <Input type="time" {...text('quietStart')} />)}
          {field('quietEnd', 'Quiet hours end', 'An end before the start runs past midnight.', <Input type="time" {...text('quietEnd')} />)}
        </div>
        <div className={styles.pair}>
          {field('workStart', 'My working day starts', 'Leave both empty to use your Outlook working hours.', <Input type="time" {...text('workStart')} />)}
          {field('workEnd', 'My working day ends', 'An end before the start is a night shift.', <Input type="time" {...text('workEnd')} />)}
        </div>
        {field(
          'tentativeIsBusy',
          '',
          'Meetings you answered "tentative" to: treat them as busy (no break over them) or as free time.',
          <Switch
            label="Tentative meetings count as busy"
            checked={values.tentativeIsBusy}
            onChange={(_, d) => edit({ tentativeIsBusy: d.checked }, 'tentativeIsBusy')}
          />,
        )}
        {field(
          'pausedUntil',
          'Pause breaks until',
          'Breaks start again on this day. Leave it empty for no pause.',
          <Input type="date" {...text('pausedUntil')} />,
        )}
      </fieldset>

      <fieldset className={styles.fieldset} disabled={off || saving}>
        <legend className={styles.legend}>What</legend>
        {field(
          'arrivalPractices',
          '',
          'When there is no gap at all, a one-minute practice for the start of the next meeting.',
          <Switch
            label="Arrival practices between back-to-back meetings"
            checked={values.arrivalPractices}
            onChange={(_, d) => edit({ arrivalPractices: d.checked }, 'arrivalPractices')}
          />,
        )}
        {field(
          'calendarHold',
          '',
          'When a break is sent, a private event called "Pause" holds its minutes in your Outlook calendar, so others see you as busy. It is removed if you skip the break.',
          <Switch
            label="Hold the break in my calendar"
            checked={values.calendarHold}
            onChange={(_, d) => edit({ calendarHold: d.checked }, 'calendarHold')}
          />,
        )}
        {field(
          'preferredFamily',
          'I would rather have',
          'A starting point: what actually helps you counts for more over time.',
          <RadioGroup
            value={values.preferredFamily ?? 'none'}
            onChange={(_, d) => edit({ preferredFamily: d.value === 'none' ? null : (d.value as 'mental' | 'behavioural') }, 'preferredFamily')}
          >
            <Radio value="none" label="No preference" />
            <Radio value="mental" label="Practices for the mind (kind words, breathing with attention)" />
            <Radio value="behavioural" label="Practices for the body (move, stretch, step outside)" />
          </RadioGroup>,
        )}
      </fieldset>

      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={saving} data-testid="my-settings-save">
          {saving ? 'Saving…' : 'Save'}
        </Button>
        <div role="status" aria-live="polite">
          {saved && (
            <MessageBar intent="success" layout="multiline" data-testid="my-settings-saved">
              <MessageBarBody>
                {saved === 'on'
                  ? 'Saved. The rest of today has been planned again with these settings.'
                  : 'Saved. Breaks are off: nothing more will be suggested, and your calendar is no longer read.'}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      </div>
    </form>
  );
}

/** The one choice that is about HR's figures rather than breaks; saved as soon as it is switched. */
function CheckInSharing({ initial }: { initial: boolean }) {
  const styles = useStyles();
  const api = useApi();
  const [sharing, setSharing] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  async function change(next: boolean) {
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      await api.setReportSharing(next);
      setSharing(next);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.fieldset} aria-labelledby="sharing-heading" data-testid="checkin-sharing">
      <h2 id="sharing-heading" className={styles.h2}>
        HR's figures
      </h2>
      <Switch
        label="Let how my check-ins change count in HR's anonymous figures"
        checked={sharing}
        disabled={busy}
        onChange={(_, d) => void change(d.checked)}
      />
      <Text as="p" className={styles.hint}>
        Off unless you turn it on. HR only ever sees totals for groups of at least their organisation's minimum size,
        with noise added, never you. Your check-ins themselves are never shown to anyone else.
      </Text>
      <ProblemBar error={failure} onDismiss={() => setFailure(null)} />
      <div role="status" aria-live="polite">
        {saved && <Text data-testid="checkin-sharing-saved">Saved.</Text>}
      </div>
    </section>
  );
}
