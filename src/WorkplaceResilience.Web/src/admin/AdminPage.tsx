import type { MessageKey } from '../i18n/lookup';
import { useI18n } from '../i18n/I18nProvider';
import { useEffect, useState, type ReactNode } from 'react';
import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useApi } from '../api/ApiContext';
import { ProblemBar } from '../shell/ProblemBar';
import { useLoad } from '../shell/useLoad';
import { DangerZone } from './DangerZone';
import { JobHealth } from './JobHealth';
import { KillSwitch } from './KillSwitch';
import { SettingsForm } from './SettingsForm';
import { SyncState } from './SyncState';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  h1: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  intro: { color: tokens.colorNeutralForeground2, margin: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
});

function Section({ id, title, children }: { id: string; title: MessageKey; children: ReactNode }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <section aria-labelledby={`${id}-heading`} className={styles.section} data-testid={`admin-${id}`}>
      <h2 id={`${id}-heading`} className={styles.h2}>
        {t(title)}
      </h2>
      {children}
    </section>
  );
}

/** For people with the admin role: the organisation's settings, the nudge pause, sync and job health, offboarding. */
export function AdminPage() {
  const styles = useStyles();
  const api = useApi();
  const { t } = useI18n();
  const settings = useLoad(() => api.adminSettings());
  const [paused, setPaused] = useState<boolean | null>(null);

  useEffect(() => {
    if (settings.data && paused === null) setPaused(settings.data.nudgesPaused);
  }, [settings.data, paused]);

  return (
    <div className={styles.page}>
      <div className={styles.section}>
        <h1 className={styles.h1}>{t('admin.title')}</h1>
        <Text as="p" className={styles.intro}>
          {t('admin.intro')}
        </Text>
      </div>

      {settings.loading && <Spinner label={t('admin.loading')} />}
      <ProblemBar error={settings.error} onRetry={settings.reload} />

      {settings.data && paused !== null && (
        <>
          <Section id="nudges" title="admin.nudges">
            <KillSwitch paused={paused} onChanged={setPaused} />
          </Section>
          <Section id="settings" title="admin.settings">
            <SettingsForm
              settings={settings.data}
              nudgesPaused={paused}
              onSaved={(stored) => setPaused(stored.nudgesPaused)}
            />
          </Section>
        </>
      )}

      <Section id="sync" title="admin.sync">
        <SyncState />
      </Section>
      <Section id="jobs" title="admin.jobs">
        <JobHealth />
      </Section>
      <Section id="danger" title="admin.danger">

        <DangerZone />
      </Section>
    </div>
  );
}
