import type { MouseEvent } from 'react';
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Session } from '../auth/session';
import { isAdmin, isHr } from '../auth/session';
import { JobsButton } from './JobsButton';
import type { Route } from './router';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/lookup';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  brand: { fontWeight: tokens.fontWeightSemibold },
  // Wraps on a phone rather than pushing the page sideways.
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  navLink: {
    color: tokens.colorNeutralForeground1,
    whiteSpace: 'nowrap',
    textDecorationLine: 'none',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  person: { marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

interface HeaderProps {
  session: Session;
  route: Route;
  onNavigate: (path: string) => void;
  onSwitchPerson: () => void;
}

export function Header({ session, route, onNavigate, onSwitchPerson }: HeaderProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const link = (path: string, label: MessageKey, target: Route) => (
    <a
      href={path}
      className={mergeClasses(styles.navLink, route === target && styles.current)}
      aria-current={route === target ? 'page' : undefined}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onNavigate(path);
      }}
    >
      {t(label)}
    </a>
  );

  return (
    <header className={styles.header}>
      <Text className={styles.brand}>{t('app.name')}</Text>
      <nav aria-label={t('nav.main')} className={styles.nav}>
        {link('/', 'nav.today', 'today')}
        {link('/week', 'nav.week', 'week')}
        {link('/settings', 'nav.settings', 'settings')}
        {link('/my-data', 'nav.mydata', 'mydata')}
        {isHr(session) && link('/hr', 'nav.hr', 'hr')}
        {isAdmin(session) && link('/admin', 'nav.admin', 'admin')}
      </nav>
      <div className={styles.person}>
        {session.mode === 'demo' && (
          <Badge appearance="tint" color="warning">
            {t('header.demoMode')}
          </Badge>
        )}
        {isAdmin(session) && <JobsButton />}
        <Text data-testid="signed-in-name">{session.displayName}</Text>
        {session.mode === 'demo' && (
          <Button size="small" onClick={onSwitchPerson}>
            {t('header.switchPerson')}

          </Button>
        )}
      </div>
    </header>
  );
}
