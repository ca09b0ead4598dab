import { useI18n } from '../i18n/I18nProvider';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
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
import { fieldsOf } from '../shell/FormField';
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
  const i18n = useI18n();
  const { t } = i18n;
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
    const found = validate(values, i18n);
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

  const field = fieldsOf(errors, 'field-');
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
            <MessageBarTitle>{t('form.needsLook')}</MessageBarTitle>
            {elsewhere.length > 0 ? elsewhere.join(' ') : t('form.messagesNextTo')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ProblemBar error={failure} onDismiss={() => setFailure(null)} />

      {field(
        'enabled',
        '', // the switch carries its own label
        t('org.enabledHint'),
        <Switch
          label={t('org.enabled')}
          checked={values.enabled}
          disabled={saving}
          onChange={(_, d) => edit({ enabled: d.checked }, 'enabled')}
        />,
      )}
      {field(
        'minimumGroupSize',
        t('org.minimumGroupSize'),
        t('org.minimumGroupSizeHint'),
        <Input className={styles.number} type="number" {...text('minimumGroupSize', { min: 5, step: 1 })} />,
      )}
      {field(
        'retentionDays',
        t('org.retentionDays'),
        t('org.retentionDaysHint'),
        <Input className={styles.number} type="number" {...text('retentionDays', { min: 7, max: 730, step: 1 })} />,
      )}
      <div className={styles.pair}>
        {field('workStart', t('org.workStart'), t('org.workStartHint'), <Input type="time" {...text('workStart')} />)}
        {field('workEnd', t('org.workEnd'), t('org.workEndHint'), <Input type="time" {...text('workEnd')} />)}
      </div>
      {field(
        'dailyCap',
        t('org.dailyCap'),
        t('org.dailyCapHint'),
        <Input className={styles.number} type="number" {...text('dailyCap', { min: 1, max: 8, step: 1 })} />,
      )}
      <div className={styles.pair}>
        {field('quietStart', t('org.quietStart'), t('org.quietStartHint'), <Input type="time" {...text('quietStart')} />)}
        {field('quietEnd', t('org.quietEnd'), t('org.quietEndHint'), <Input type="time" {...text('quietEnd')} />)}
      </div>

      <SupportLinksEditor
        links={values.supportLinks}
        errors={errors}
        disabled={saving}
        onChange={(supportLinks, edited) => edit({ supportLinks }, edited)}
      />

      {field(
        'groupsInScope',
        t('org.groups'),
        t('org.groupsHint'),
        <Textarea resize="vertical" rows={4} {...text('groupsInScope')} />,
      )}
      <Text as="p" className={styles.guidance} data-testid="rbac-guidance">
        {t('org.rbac.before')}{' '}
        <Link href="https://learn.microsoft.com/exchange/permissions-exo/application-rbac" target="_blank" rel="noopener noreferrer" inline>
          {t('org.rbac.link1')}
        </Link>{' '}
        {t('org.rbac.middle')}{' '}
        <Link href="https://learn.microsoft.com/graph/auth-limit-mailbox-access" target="_blank" rel="noopener noreferrer" inline>
          {t('org.rbac.link2')}
        </Link>
        {t('org.rbac.after')}
      </Text>

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving || !dirty} data-testid="settings-save">
          {t(saving ? 'form.saving' : 'org.save')}
        </Button>
        {dirty && (
          <Button
            disabled={saving}
            onClick={() => {
              setValues(saved);
              setErrors({});
            }}
          >
            {t('org.discard')}
          </Button>
        )}
        <div role="status" aria-live="polite">
          {dirty ? (
            <Badge appearance="tint" color="warning" data-testid="settings-dirty">
              {t('org.unsaved')}
            </Badge>
          ) : justSaved ? (
            <MessageBar intent="success" layout="multiline" data-testid="settings-saved">
              <MessageBarBody>{t('org.saved')}</MessageBarBody>

            </MessageBar>
          ) : null}
        </div>
      </div>
    </form>
  );
}
