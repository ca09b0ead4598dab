import { useI18n } from '../i18n/I18nProvider';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
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
import { fieldsOf } from '../shell/FormField';

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
  const { t } = useI18n();
  const loaded = useLoad(() => api.mySettings());

  return (
    <div className={styles.stack}>
      <h1 className={styles.h1}>{t('my.title')}</h1>
      <Text as="p" className={styles.hint}>
        {t('my.intro')}
      </Text>
      {loaded.loading && !loaded.data ? (
        <Spinner label={t('my.loading')} />
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
  const { t, tn } = useI18n();
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
  const field = fieldsOf(errors, 'my-field-');
  const text = (name: 'dailyCap' | 'minimumSpacingMinutes' | 'quietStart' | 'quietEnd' | 'workStart' | 'workEnd' | 'pausedUntil') => ({
    value: values[name],
    disabled: saving,
    onChange: (_: unknown, d: { value: string }) => edit({ [name]: d.value }, name),
  });
  const off = !values.breaksOn;
  const organisationQuiet =
    organisation.quietStart && organisation.quietEnd
      ? ` ${t('my.organisationQuiet', { start: organisation.quietStart, end: organisation.quietEnd })}`
      : '';

  return (
    <form ref={formRef} className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t('my.form')} data-testid="my-settings-form">
      {Object.keys(errors).length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="my-settings-errors">
          <MessageBarBody>
            <MessageBarTitle>{t('form.needsLook')}</MessageBarTitle>
            {errors[''] ? errors[''].join(' ') : t('form.messagesNextTo')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ProblemBar error={failure} onDismiss={() => setFailure(null)} />

      {field(
        'breaksOn',
        '',
        t('my.breaksOnHint'),
        <Switch
          label={t('my.breaksOn')}
          checked={values.breaksOn}
          disabled={saving}
          data-testid="my-breaks-on"
          onChange={(_, d) => edit({ breaksOn: d.checked }, 'breaksOn')}
        />,
      )}

      <fieldset className={styles.fieldset} disabled={off || saving}>
        <legend className={styles.legend}>{t('my.howOften')}</legend>
        <div role="group" aria-labelledby="lengths-label" data-testid="my-field-lengths">
          <Text id="lengths-label" as="p" className={styles.hint}>
            {t('my.lengths')}
          </Text>
          <div className={styles.row}>
            {LENGTHS.map((length) => (
              <Checkbox
                key={length}
                label={tn('my.length', length)}
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
            t('my.dailyCap'),
            t('my.dailyCapHint', { max: organisation.maximumDailyCap }),
            <Input className={styles.number} type="number" min={1} max={organisation.maximumDailyCap} {...text('dailyCap')} />,
          )}
          {field(
            'minimumSpacingMinutes',
            t('my.spacing'),
            t('my.spacingHint', { min: organisation.minimumSpacingMinutes }),
            <Input className={styles.number} type="number" min={organisation.minimumSpacingMinutes} max={480} step={15} {...text('minimumSpacingMinutes')} />,
          )}
        </div>
      </fieldset>

      <fieldset className={styles.fieldset} disabled={off || saving}>
        <legend className={styles.legend}>{t('my.when')}</legend>
        <div className={styles.pair}>
          {field('quietStart', t('my.quietStart'), `${t('my.quietStartHint')}${organisationQuiet}`, <Input type="time" {...text('quietStart')} />)}
          {field('quietEnd', t('my.quietEnd'), t('my.quietEndHint'), <Input type="time" {...text('quietEnd')} />)}
        </div>
        <div className={styles.pair}>
          {field('workStart', t('my.workStart'), t('my.workStartHint'), <Input type="time" {...text('workStart')} />)}
          {field('workEnd', t('my.workEnd'), t('my.workEndHint'), <Input type="time" {...text('workEnd')} />)}
        </div>
        {field(
          'tentativeIsBusy',
          '',
          t('my.tentativeHint'),
          <Switch
            label={t('my.tentative')}
            checked={values.tentativeIsBusy}
            onChange={(_, d) => edit({ tentativeIsBusy: d.checked }, 'tentativeIsBusy')}
          />,
        )}
        {field(
          'pausedUntil',
          t('my.pausedUntil'),
          t('my.pausedUntilHint'),
          <Input type="date" {...text('pausedUntil')} />,
        )}
      </fieldset>

      <fieldset className={styles.fieldset} disabled={off || saving}>
        <legend className={styles.legend}>{t('my.what')}</legend>
        {field(
          'arrivalPractices',
          '',
          t('my.arrivalHint'),
          <Switch
            label={t('my.arrival')}
            checked={values.arrivalPractices}
            onChange={(_, d) => edit({ arrivalPractices: d.checked }, 'arrivalPractices')}
          />,
        )}
        {field(
          'calendarHold',
          '',
          t('my.holdHint'),
          <Switch
            label={t('my.hold')}
            checked={values.calendarHold}
            onChange={(_, d) => edit({ calendarHold: d.checked }, 'calendarHold')}
          />,
        )}
        {field(
          'preferredFamily',
          t('my.family'),
          t('my.familyHint'),
          <RadioGroup
            value={values.preferredFamily ?? 'none'}
            onChange={(_, d) => edit({ preferredFamily: d.value === 'none' ? null : (d.value as 'mental' | 'behavioural') }, 'preferredFamily')}
          >
            <Radio value="none" label={t('my.family.none')} />
            <Radio value="mental" label={t('my.family.mental')} />
            <Radio value="behavioural" label={t('my.family.behavioural')} />
          </RadioGroup>,
        )}
      </fieldset>

      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={saving} data-testid="my-settings-save">
          {t(saving ? 'form.saving' : 'my.save')}
        </Button>
        <div role="status" aria-live="polite">
          {saved && (
            <MessageBar intent="success" layout="multiline" data-testid="my-settings-saved">
              <MessageBarBody>
                {t(saved === 'on' ? 'my.savedOn' : 'my.savedOff')}
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
  const { t } = useI18n();
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
        {t('sharing.title')}
      </h2>
      <Switch
        label={t('sharing.switch')}
        checked={sharing}
        disabled={busy}
        onChange={(_, d) => void change(d.checked)}
      />
      <Text as="p" className={styles.hint}>
        {t('sharing.text')}
      </Text>
      <ProblemBar error={failure} onDismiss={() => setFailure(null)} />
      <div role="status" aria-live="polite">
        {saved && <Text data-testid="checkin-sharing-saved">{t('sharing.saved')}</Text>}

      </div>
    </section>
  );
}
