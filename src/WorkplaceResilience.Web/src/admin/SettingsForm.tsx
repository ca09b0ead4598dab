import { useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import type { TenantSettings } from '../api/types';
import { ProblemBar } from '../shell/ProblemBar';
import { SupportLinksEditor } from './SupportLinksEditor';
import {
  sameValues,
  serverFieldErrors,
  toSettings,
  toValues,
  unplacedErrors,
  validate,
  type FieldErrors,
  type SettingsValues,
} from './settingsModel';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  number: { maxWidth: '12rem' },
  guidance: { color: tokens.colorNeutralForeground2, margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

const TOP_LEVEL = new Set<string>([
  'enabled',
  'minimumGroupSize',
  'retentionDays',
  'workStart',
  'workEnd',
  'dailyCap',
  'quietStart',
  'quietEnd',
  'supportLinks',
  'groupsInScope',
]);

interface SettingsFormProps {
  settings: TenantSettings;
  /** The kill switch's current state, sent along unchanged. */
  nudgesPaused: boolean;
  onSaved: (stored: TenantSettings) => void;
}

export function SettingsForm({ settings, nudgesPaused, onSaved }: SettingsFormProps) {
  const styles = useStyles();
  const api = useApi();
  const [saved, setSaved] = useState(() => toValues(settings));
  const [values, setValues] = useState(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const [focusFirstError, setFocusFirstError] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = !sameValues(values, saved);

  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (focusFirstError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusFirstError]);

  function edit(patch: Partial<SettingsValues>, field: string) {
    setValues((v) => ({ ...v, ...patch }));
    setJustSaved(false);
    setErrors((e) => {
      if (!e[field]) return e;
      const rest = { ...e };
      delete rest[field];
      return rest;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setJustSaved(false);
    setFailure(null);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFocusFirstError((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      const stored = await api.saveAdminSettings(toSettings(values, nudgesPaused));
      const next = toValues(stored);
      setSaved(next);
      setValues(next);
      setJustSaved(true);
      onSaved(stored);
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

  const messages = (field: string) => errors[field] ?? [];
  const field = (name: keyof SettingsValues, label: string, hint: string, control: ReactElement) => (
    <Field
      label={label || undefined}
      hint={hint}
      validationState={messages(name).length ? 'error' : 'none'}
      validationMessage={messages(name).length ? messages(name).join(' ') : undefined}
      data-testid={`field-${name}`}
    >
      {control}
    </Field>
  );
  const text = (name: Exclude<keyof SettingsValues, 'enabled' | 'supportLinks'>, extra: object = {}) => ({
    value: values[name],
    disabled: saving,
    onChange: (_: unknown, d: { value: string }) => edit({ [name]: d.value }, name),
    ...extra,
  });
  const shown = (f: string) => TOP_LEVEL.has(f) || /^supportLinks\[(\d+)\](\.(title|url))?$/.test(f);
  const elsewhere = unplacedErrors(errors, shown);
  const errorCount = Object.values(errors).reduce((n, m) => n + m.length, 0);

  return (
    <form ref={formRef} className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="settings-heading" data-testid="settings-form">
      {errorCount > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="settings-errors">
          <MessageBarBody>
            <MessageBarTitle>Some settings need another look</MessageBarTitle>
            {elsewhere.length > 0 ? elsewhere.join(' ') : 'The messages are next to each setting.'}
          </MessageBarBody>
        </MessageBar>
      )}
      <ProblemBar error={failure} onDismiss={() => setFailure(null)} />

      {field(
        'enabled',
        '', // the switch carries its own label
        'When this is off, nobody in the organisation is synced or offered breaks, and the tab says the service is off.',
        <Switch
          label="Serve this organisation"
          checked={values.enabled}
          disabled={saving}
          onChange={(_, d) => edit({ enabled: d.checked }, 'enabled')}
        />,
      )}
      {field(
        'minimumGroupSize',
        'Minimum group size',
        'The smallest group HR may see figures for. Smaller groups are hidden. At least 5.',
        <Input className={styles.number} type="number" {...text('minimumGroupSize', { min: 5, step: 1 })} />,
      )}
      {field(
        'retentionDays',
        'Keep data for (days)',
        'Calendar times, breaks and check-ins older than this are deleted. From 7 to 730 days.',
        <Input className={styles.number} type="number" {...text('retentionDays', { min: 7, max: 730, step: 1 })} />,
      )}
      <div className={styles.pair}>
        {field('workStart', 'Working day starts', 'Used for people whose Outlook has no working hours.', <Input type="time" {...text('workStart')} />)}
        {field('workEnd', 'Working day ends', 'In each person’s own time zone.', <Input type="time" {...text('workEnd')} />)}
      </div>
      {field(
        'dailyCap',
        'Breaks a day, at most',
        'From 1 to 8 breaks per person per day.',
        <Input className={styles.number} type="number" {...text('dailyCap', { min: 1, max: 8, step: 1 })} />,
      )}
      <div className={styles.pair}>
        {field('quietStart', 'Quiet hours start', 'No breaks are offered between these times. Leave both empty for none.', <Input type="time" {...text('quietStart')} />)}
        {field('quietEnd', 'Quiet hours end', 'For example 12:00 to 13:00 over lunch.', <Input type="time" {...text('quietEnd')} />)}
      </div>

      <SupportLinksEditor
        links={values.supportLinks}
        errors={errors}
        disabled={saving}
        onChange={(supportLinks, edited) => edit({ supportLinks }, edited)}
      />

      {field(
        'groupsInScope',
        'Groups in scope',
        'One Microsoft Entra group object ID per line. Only members of these groups are synced and offered breaks. Leave it empty to serve everyone.',
        <Textarea resize="vertical" rows={4} {...text('groupsInScope')} />,
      )}
      <Text as="p" className={styles.guidance} data-testid="rbac-guidance">
        The app reads calendars with an application permission, which on its own covers every mailbox. To make
        Exchange Online enforce the same limit, scope the app to a mail-enabled security group with{' '}
        <Link href="https://learn.microsoft.com/exchange/permissions-exo/application-rbac" target="_blank" rel="noopener noreferrer" inline>
          Exchange RBAC for applications
        </Link>{' '}
        (or, in older set-ups, an{' '}
        <Link href="https://learn.microsoft.com/graph/auth-limit-mailbox-access" target="_blank" rel="noopener noreferrer" inline>
          application access policy
        </Link>
        ). Everyone outside that group then stays out of reach, even for the service.
      </Text>

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving || !dirty} data-testid="settings-save">
          {saving ? 'Saving…' : 'Save settings'}
        </Button>
        {dirty && (
          <Button
            disabled={saving}
            onClick={() => {
              setValues(saved);
              setErrors({});
            }}
          >
            Discard changes
          </Button>
        )}
        <div role="status" aria-live="polite">
          {dirty ? (
            <Badge appearance="tint" color="warning" data-testid="settings-dirty">
              Unsaved changes
            </Badge>
          ) : justSaved ? (
            <MessageBar intent="success" layout="multiline" data-testid="settings-saved">
              <MessageBarBody>Settings saved. They apply from the next job run.</MessageBarBody>
            </MessageBar>
          ) : null}
        </div>
      </div>
    </form>
  );
}
