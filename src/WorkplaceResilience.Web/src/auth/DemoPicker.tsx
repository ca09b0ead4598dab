import { useEffect, useMemo, useState } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  Title1,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import type { DemoPerson, Role } from '../api/types';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import type { Session } from './session';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/lookup';

const useStyles = makeStyles({
  list: {
    listStyleType: 'none',
    padding: 0,
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  person: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    flexDirection: 'column',
    alignItems: 'flex-start',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    minHeight: '56px',
  },
  meta: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export const ROLE_LABEL: Record<Role, MessageKey> = { employee: 'role.employee', hr: 'role.hr', admin: 'role.admin' };

interface DemoPickerProps {
  onSignedIn: (session: Session) => void;
  /** Called once the API has shown it runs in demo mode (it lists demo people). */
  onDemoMode?: () => void;
}

/** Password-less "Demo mode" sign-in (only offered when the API runs in demo mode). */
export function DemoPicker({ onSignedIn, onDemoMode }: DemoPickerProps) {
  const styles = useStyles();
  const api = useApi();
  const { t, tn } = useI18n();
  const people = useLoad(() => api.demoPeople());
  const [filter, setFilter] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);
  const isDemo = Array.isArray(people.data);
  useEffect(() => {
    if (isDemo) onDemoMode?.();
  }, [isDemo, onDemoMode]);
  const [error, setError] = useState<unknown>(null);

  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = people.data ?? [];
    if (!q) return all;
    return all.filter((p) =>
      [p.displayName, p.department, t(ROLE_LABEL[p.role])].some((s) => s.toLowerCase().includes(q)),
    );
  }, [people.data, filter, t]);

  async function choose(person: DemoPerson) {
    setBusyId(person.id);
    setError(null);
    try {
      const res = await api.demoSignIn(person.id);
      onSignedIn({
        mode: 'demo',
        accessToken: res.accessToken,
        expiresAt: res.expiresAt,
        displayName: res.displayName,
        roles: res.roles,
      });
    } catch (e) {
      setError(e);
      setBusyId(null);
    }
  }

  if (people.loading) return <Spinner label={t('demo.loading')} />;
  if (people.error) return <ProblemBar error={people.error} onRetry={people.reload} />;
  if (people.data === null) {
    return (
      <div className={styles.stack}>
        <Title1 as="h1">{t('demo.openInHost')}</Title1>
        <Text as="p">{t('demo.openInHostText')}</Text>
      </div>
    );
  }

  return (
    <div className={styles.stack}>
      <Title1 as="h1">{t('demo.choose')}</Title1>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t('header.demoMode')}</MessageBarTitle>
          {t('demo.explain')}
        </MessageBarBody>
      </MessageBar>
      <ProblemBar error={error} onDismiss={() => setError(null)} />
      <Field label={t('demo.filter')}>
        <Input value={filter} onChange={(_, d) => setFilter(d.value)} type="search" />
      </Field>
      <Text as="p" aria-live="polite">
        {tn('demo.people', visible.length)}
      </Text>
      <ul className={styles.list} aria-label={t('demo.list')}>
        {visible.map((p) => (
          <li key={p.id}>
            <Button
              className={styles.person}
              data-testid="demo-person"
              data-role={p.role}
              data-person-id={p.id}
              disabled={busyId !== null}
              onClick={() => void choose(p)}
            >
              <span>{p.displayName}</span>
              <span className={styles.meta}>
                {t(ROLE_LABEL[p.role])} · {p.department}

              </span>
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
